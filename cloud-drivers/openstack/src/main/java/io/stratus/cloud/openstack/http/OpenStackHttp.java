package io.stratus.cloud.openstack.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratus.cloud.spi.CloudErrorType;
import io.stratus.cloud.spi.CloudException;
import io.stratus.cloud.spi.InternalException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * JSON over HTTP to OpenStack services. A throttled answer (413 or 429) is retried after the wait
 * its {@code Retry-After} asks for, when that wait is short; any other error answer is thrown as
 * {@link OpenStackErrors#map mapped}. A reset or refused connection is COMMUNICATION.
 */
public final class OpenStackHttp {
  /**
   * One client for every provider in the process: it is thread-safe and keeps its connections, so a
   * worker connecting a provider per task does not open a pool or start a selector each time.
   */
  private static final HttpClient SHARED =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  public static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  /** The longest Retry-After honoured by waiting; a longer one is thrown as THROTTLING. */
  static final Duration MAX_WAIT = Duration.ofSeconds(10);

  /** Throttled answers retried per call before THROTTLING is thrown. */
  static final int THROTTLE_RETRIES = 3;

  private final HttpClient http;

  public OpenStackHttp() {
    this(SHARED);
  }

  OpenStackHttp(HttpClient http) {
    this.http = http;
  }

  /** A successful answer: status, body (empty for none) and headers. */
  public record Reply(int status, byte[] body, Map<String, java.util.List<String>> headers) {
    public Optional<String> header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .flatMap(e -> e.getValue().stream())
          .findFirst();
    }

    public <T> T as(Class<T> type) {
      return read(JSON.getTypeFactory().constructType(type));
    }

    public <T> T read(JavaType type) {
      try {
        return JSON.readValue(body, type);
      } catch (IOException e) {
        throw new CloudException(
            CloudErrorType.COMMUNICATION,
            status,
            null,
            "OpenStack answered with JSON this driver cannot read ("
                + type.getRawClass().getSimpleName()
                + ")",
            e);
      }
    }
  }

  /**
   * Sends one request.
   *
   * @param service the service called (for messages)
   * @param headers extra headers (token, microversion)
   * @param body an object to send as JSON, or null
   */
  public Reply send(
      String service, String method, URI uri, Map<String, String> headers, Object body) {
    byte[] bytes;
    try {
      bytes = body == null ? new byte[0] : JSON.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new InternalException("cannot encode a request to OpenStack " + service, e);
    }
    for (int attempt = 0; ; attempt++) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(uri)
              .timeout(Duration.ofSeconds(60))
              .header("Accept", "application/json")
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofByteArray(bytes));
      if (body != null) {
        request.header("Content-Type", "application/json");
      }
      headers.forEach(request::header);
      HttpResponse<byte[]> response = exchange(service, uri, request.build());
      int status = response.statusCode();
      if (status < 400) {
        return new Reply(status, response.body(), response.headers().map());
      }
      String requestId =
          response
              .headers()
              .firstValue("x-openstack-request-id")
              .or(() -> response.headers().firstValue("x-compute-request-id"))
              .orElse(null);
      CloudException error = OpenStackErrors.map(status, service, response.body(), requestId);
      if (error.type() == CloudErrorType.THROTTLING && attempt < THROTTLE_RETRIES) {
        Optional<Duration> wait = RetryAfter.parse(response.headers().firstValue("Retry-After"));
        if (wait.isPresent() && wait.get().compareTo(MAX_WAIT) <= 0) {
          sleep(wait.get());
          continue;
        }
      }
      throw error;
    }
  }

  private HttpResponse<byte[]> exchange(String service, URI uri, HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new CloudException(
          CloudErrorType.COMMUNICATION,
          0,
          null,
          "could not reach OpenStack "
              + service
              + " at "
              + uri.getScheme()
              + "://"
              + uri.getAuthority()
              + " ("
              + e.getClass().getSimpleName()
              + ")",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CloudException(CloudErrorType.COMMUNICATION, 0, null, "interrupted", e);
    }
  }

  private static void sleep(Duration wait) {
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CloudException(
          CloudErrorType.THROTTLING, 0, null, "interrupted while throttled", e);
    }
  }
}
