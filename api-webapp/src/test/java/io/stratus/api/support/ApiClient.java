package io.stratus.api.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratus.api.auth.RequestSignature;
import io.stratus.testkit.LoopbackHttps;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;

/** Calls the API as an enStratus client library does: every request signed with one key. */
public final class ApiClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  public static final String USER_AGENT = "stratus-test/1.0";
  private static final AtomicLong LAST_TIMESTAMP = new AtomicLong();

  /** A status, the response headers and a JSON body. */
  public record Answer(int status, HttpHeaders headers, JsonNode body, String raw) {
    public String error() {
      return body.path("error").path("message").asText();
    }

    public long jobId() {
      return body.path("jobs").path(0).path("jobId").asLong();
    }

    public String header(String name) {
      return headers.firstValue(name).orElse(null);
    }
  }

  private final HttpClient http;
  private final URI base;
  private final String accessKey;
  private final String secretKey;

  public ApiClient(SSLContext tls, int port, String accessKey, String secretKey) {
    this(LoopbackHttps.client(tls), LoopbackHttps.base(port), accessKey, secretKey);
  }

  private ApiClient(HttpClient http, URI base, String accessKey, String secretKey) {
    this.http = http;
    this.base = base;
    this.accessKey = accessKey;
    this.secretKey = secretKey;
  }

  /** The same connection, signing with another key. */
  public ApiClient as(String access, String secret) {
    return new ApiClient(http, base, access, secret);
  }

  public String accessKey() {
    return accessKey;
  }

  public Answer get(String path) {
    return send("GET", path, null, Map.of());
  }

  public Answer post(String path, Object body) {
    return send("POST", path, body, Map.of());
  }

  public Answer put(String path, Object body) {
    return send("PUT", path, body, Map.of());
  }

  public Answer delete(String path) {
    return send("DELETE", path, null, Map.of());
  }

  /** A timestamp later than any this process sent, so no two requests share a signature. */
  public static long timestamp() {
    return LAST_TIMESTAMP.updateAndGet(last -> Math.max(last + 1, System.currentTimeMillis()));
  }

  /** The x-esauth headers for a request, signed now. */
  public Map<String, String> signature(String method, String pathAndQuery) {
    long timestamp = timestamp();
    String path = pathAndQuery.split("\\?", 2)[0];
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(RequestSignature.ACCESS_HEADER, accessKey);
    headers.put(RequestSignature.TIMESTAMP_HEADER, Long.toString(timestamp));
    headers.put(
        RequestSignature.SIGNATURE_HEADER,
        RequestSignature.sign(secretKey, accessKey, method, path, timestamp, USER_AGENT));
    headers.put("User-Agent", USER_AGENT);
    return headers;
  }

  /**
   * Sends a signed request; {@code overrides} replace or add headers after signing (a null value
   * removes one). A String body is sent raw.
   */
  public Answer send(String method, String path, Object body, Map<String, String> overrides) {
    Map<String, String> headers = new LinkedHashMap<>(signature(method, path));
    headers.put("Accept", "application/json");
    headers.put("Content-Type", "application/json");
    headers.putAll(overrides);
    return raw(method, path, body, headers);
  }

  /** Sends exactly these headers, signed or not. */
  public Answer raw(String method, String path, Object body, Map<String, String> headers) {
    try {
      HttpRequest.BodyPublisher publisher =
          body == null
              ? HttpRequest.BodyPublishers.noBody()
              : body instanceof byte[] bytes
                  ? HttpRequest.BodyPublishers.ofByteArray(bytes)
                  : HttpRequest.BodyPublishers.ofString(
                      body instanceof String s ? s : JSON.writeValueAsString(body));
      HttpRequest.Builder request =
          HttpRequest.newBuilder(base.resolve(path))
              .timeout(Duration.ofSeconds(60))
              .method(method, publisher);
      headers.forEach(
          (name, value) -> {
            if (value != null) {
              request.setHeader(name, value);
            }
          });
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode parsed;
      try {
        parsed =
            response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
      } catch (IOException e) {
        parsed = JSON.createObjectNode();
      }
      return new Answer(response.statusCode(), response.headers(), parsed, response.body());
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Polls admin/Job/{id} until it ends; returns the job. */
  public JsonNode awaitJob(long jobId, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      Answer job = get("/api/enstratus/2013-03-13/admin/Job/" + jobId);
      if (job.status() != 200) {
        throw new AssertionError("job " + jobId + ": " + job.status() + " " + job.raw());
      }
      JsonNode j = job.body().path("jobs").path(0);
      if (!"RUNNING".equals(j.path("status").asText())) {
        return j;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("job " + jobId + " still running after " + limit + ": " + j);
      }
      Thread.sleep(100);
    }
  }
}
