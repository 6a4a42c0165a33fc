package io.stratus.api.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratus.api.auth.Principal;
import io.stratus.api.web.ApiException;
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
 * Every action of the API goes here: a call to the Dispatcher over mutual TLS with the {@code api}
 * component's certificate, naming the customer and user who act. The Dispatcher checks and records
 * the action as a job; its refusals come back as {@link ApiException}s with the same status and
 * message, and an unreachable Dispatcher is a 503.
 */
public final class DispatcherGateway {
  private static final Logger log = LoggerFactory.getLogger(DispatcherGateway.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final URI base;
  private final Duration timeout;

  public DispatcherGateway(TlsMaterial tls, URI base, Duration timeout) {
    this.http =
        HttpClient.newBuilder()
            .sslContext(tls.sslContext())
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    this.base = base;
    this.timeout = timeout;
  }

  /** The Dispatcher's answer to an accepted action. */
  public record Ticket(long jobId, String resourceType, Long resourceId) {}

  /**
   * Asks the Dispatcher to act; returns the job it recorded.
   *
   * @param body the request body (serialised as JSON), or null for none
   * @throws ApiException with the Dispatcher's status and message when it refuses; 503 when it
   *     cannot be reached
   */
  public Ticket act(Principal who, String method, String path, Object body) {
    JsonNode answer = call(who, method, path, body);
    JsonNode resource = answer.path("resourceId");
    return new Ticket(
        answer.path("jobId").asLong(),
        answer.path("resourceType").asText(null),
        resource.isNumber() ? resource.asLong() : null);
  }

  private JsonNode call(Principal who, String method, String path, Object body) {
    HttpResponse<String> response;
    try {
      HttpRequest request =
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
              .header("X-Stratus-User", Long.toString(who.userId()))
              .build();
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      log.warn("The Dispatcher did not answer {} {}: {}", method, path, e.toString());
      throw ApiException.unavailable("the Dispatcher is unavailable; try again");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApiException.unavailable("interrupted while calling the Dispatcher");
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
    String message = parsed.path("error").asText("the Dispatcher refused the action");
    if (status >= 500 || status == 401 || status == 403) {
      // 401/403 from the Dispatcher mean this API is misconfigured, not that the caller erred.
      log.warn("The Dispatcher answered {} {} with {}: {}", method, path, status, message);
      throw ApiException.unavailable("the Dispatcher could not take the action: " + message);
    }
    throw new ApiException(status, message);
  }
}
