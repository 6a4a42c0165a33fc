package io.stratus.web.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratus.common.pki.TlsMaterial;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the console and the API act: a call to the Dispatcher over mutual TLS with the component's
 * own certificate, naming the customer and user who act and the address their request came from.
 * The Dispatcher checks the action and records it as a job; a refusal comes back as {@link
 * DispatcherRefused} with the Dispatcher's status and message, and an unreachable or misconfigured
 * Dispatcher as a 503.
 */
public final class DispatcherClient {
  private static final Logger log = LoggerFactory.getLogger(DispatcherClient.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The header the Dispatcher sets on a 403 that refuses the acting user's rights (it re-checks
   * them): the user's refusal, passed on as a 403, unlike a 403 for this component's certificate.
   */
  public static final String RIGHTS_REFUSAL = "X-Stratus-Rights-Refusal";

  private final HttpClient http;
  private final URI base;
  private final Duration timeout;

  public DispatcherClient(TlsMaterial tls, URI base, Duration timeout) {
    this.http =
        HttpClient.newBuilder()
            .sslContext(tls.sslContext())
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    this.base = base;
    this.timeout = timeout;
  }

  /** Who acts: the customer and user, and the address of their request (may be null). */
  public record Actor(long customerId, long userId, String sourceAddress) {}

  /** The Dispatcher's answer to an accepted action: the job it recorded, about what resource. */
  public record Ticket(long jobId, String resourceType, Long resourceId) {}

  /**
   * Asks the Dispatcher to act; returns the job it recorded.
   *
   * @param body the request body (serialised as JSON), or null for none
   * @throws DispatcherRefused with the Dispatcher's status and message when it refuses; 503 when it
   *     cannot be reached or refuses this component
   */
  public Ticket act(Actor who, String method, String path, Object body) {
    JsonNode answer = call(who, method, path, body);
    JsonNode resource = answer.path("resourceId");
    return new Ticket(
        answer.path("jobId").asLong(),
        answer.path("resourceType").asText(null),
        resource.isNumber() ? resource.asLong() : null);
  }

  /**
   * Asks the Dispatcher something that is not a job (a schedule set, a server's schedules); returns
   * its answer.
   *
   * @throws DispatcherRefused as {@link #act} does
   */
  public JsonNode ask(Actor who, String method, String path, Object body) {
    return call(who, method, path, body);
  }

  private JsonNode call(Actor who, String method, String path, Object body) {
    HttpResponse<String> response;
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(base.resolve(path))
              .timeout(timeout)
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
              .header("Content-Type", "application/json")
              .header("Accept", "application/json")
              .header("X-Stratus-Customer", Long.toString(who.customerId()))
              .header("X-Stratus-User", Long.toString(who.userId()));
      if (who.sourceAddress() != null) {
        request.header("X-Stratus-Source-Address", who.sourceAddress());
      }
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      log.warn("The Dispatcher did not answer {} {}: {}", method, path, e.toString());
      throw new DispatcherRefused(503, "the Dispatcher is unavailable; try again");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DispatcherRefused(503, "interrupted while calling the Dispatcher");
    }
    JsonNode parsed;
    try {
      parsed = response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
    } catch (IOException e) {
      parsed = JSON.createObjectNode();
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return parsed;
    }
    JsonNode error = parsed.path("error");
    String message =
        error.isObject()
            ? error.path("message").asText("the Dispatcher refused the action")
            : error.asText("the Dispatcher refused the action");
    if (status == 403 && response.headers().firstValue(RIGHTS_REFUSAL).isPresent()) {
      throw new DispatcherRefused(403, message);
    }
    if (status >= 500 || status == 401 || status == 403) {
      // 401/403 from the Dispatcher mean this component is misconfigured, not that the user erred.
      log.warn("The Dispatcher answered {} {} with {}: {}", method, path, status, message);
      throw new DispatcherRefused(503, "the Dispatcher could not take the action: " + message);
    }
    throw new DispatcherRefused(status, message);
  }
}
