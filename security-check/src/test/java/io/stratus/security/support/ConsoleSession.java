package io.stratus.security.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;

/**
 * The console as a browser without JavaScript uses it: one cookie jar, forms posted with the CSRF
 * token of the page they came from, redirects not followed (so a test sees each answer).
 */
public final class ConsoleSession {
  /** A form's hidden field, or the htmx headers every page carries. */
  private static final Pattern CSRF =
      Pattern.compile(
          "name=\"_csrf\"\\s+value=\"([^\"]+)\"|value=\"([^\"]+)\"\\s+name=\"_csrf\""
              + "|X-CSRF-TOKEN&quot;: &quot;([^&]+)&quot;");

  /** One answer: status, Location (redirects) and body. */
  public record Page(int status, String location, String body) {
    /** The CSRF token of the page's first form. */
    public String csrf() {
      Matcher m = CSRF.matcher(body);
      if (!m.find()) {
        throw new AssertionError("no CSRF token on the page: " + body);
      }
      for (int group = 1; group <= 3; group++) {
        if (m.group(group) != null) {
          return m.group(group);
        }
      }
      throw new AssertionError("unreachable");
    }

    /** The text of the element with {@code id}, e.g. {@code <span id="x">text</span>}. */
    public String text(String id) {
      Matcher m = Pattern.compile("id=\"" + id + "\"[^>]*>([^<]*)<").matcher(body);
      if (!m.find()) {
        throw new AssertionError("no element " + id + " on the page: " + body);
      }
      return m.group(1);
    }
  }

  private final HttpClient http;
  private final URI base;

  public ConsoleSession(SSLContext tls, String url) {
    this.http =
        HttpClient.newBuilder()
            .sslContext(tls)
            .version(HttpClient.Version.HTTP_1_1)
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    this.base = URI.create(url);
  }

  public Page get(String path) {
    return send(HttpRequest.newBuilder(base.resolve(path)).GET());
  }

  /** Posts {@code fields} (form-encoded) as they are: no CSRF token is added. */
  public Page post(String path, Map<String, String> fields) {
    return postRaw(path, "application/x-www-form-urlencoded", form(fields));
  }

  /** Posts {@code fields} with one extra header, e.g. a CSRF token where htmx sends it. */
  public Page postWithHeader(String path, String header, String value, Map<String, String> fields) {
    return send(
        HttpRequest.newBuilder(base.resolve(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header(header, value)
            .POST(HttpRequest.BodyPublishers.ofString(form(fields), StandardCharsets.UTF_8)));
  }

  /** Posts a body with any content type, for malformed forms. */
  public Page postRaw(String path, String contentType, String body) {
    return send(
        HttpRequest.newBuilder(base.resolve(path))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
  }

  /** Opens {@code page}, then posts {@code fields} to {@code action} with that page's token. */
  public Page submit(String page, String action, Map<String, String> fields) {
    Page form = get(page);
    if (form.status() != 200) {
      throw new AssertionError("GET " + page + ": " + form.status() + " " + form.body());
    }
    Map<String, String> withToken = new LinkedHashMap<>(fields);
    withToken.put("_csrf", form.csrf());
    return post(action, withToken);
  }

  /**
   * The page a form's answer sends the browser to: the console answers every successful post with a
   * redirect (post/redirect/get), so what the user reads is the page at its Location.
   */
  public Page follow(Page answer) {
    if (answer.status() != 302 && answer.status() != 303) {
      throw new AssertionError("expected a redirect, got " + answer.status() + " " + answer.body());
    }
    return get(answer.location());
  }

  /** Posts {@code fields} to {@code action} with the CSRF token of the start page. */
  public Page act(String action, Map<String, String> fields) {
    return submit("/", action, fields);
  }

  /**
   * Signs in; returns the answer to the form (302 to the start page, or back to the sign-in page
   * with {@code ?error}).
   */
  public Page signIn(String email, String password) {
    return submit("/signin", "/signin", Map.of("email", email, "password", password));
  }

  /** Whether a sign-in's answer let the user in. */
  public static boolean admitted(Page answer) {
    return answer.status() == 302
        && answer.location() != null
        && !answer.location().contains("/signin");
  }

  public static String form(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  private Page send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          http.send(
              request.timeout(Duration.ofSeconds(60)).build(),
              HttpResponse.BodyHandlers.ofString());
      return new Page(
          response.statusCode(),
          response.headers().firstValue("Location").orElse(null),
          response.body());
    } catch (IOException e) {
      throw new IllegalStateException("console request failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
