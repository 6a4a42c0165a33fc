package io.stratus.cloud.local.driver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratus.cloud.local.daemon.RequestSigner;
import io.stratus.cloud.spi.CloudErrorType;
import io.stratus.cloud.spi.CloudException;
import io.stratus.cloud.spi.InternalException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Signed JSON calls to the local cloud's API, and the one place where its errors become the SPI's
 * taxonomy.
 */
final class LocalApiClient {
  /**
   * One client for every provider in the process: it is thread-safe and keeps its connections, so a
   * worker connecting a provider per task neither opens a new connection pool nor starts another
   * selector thread each time.
   */
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final HttpClient http = HTTP;
  private final URI endpoint;
  private final String accessKey;
  private final byte[] secret;
  private final ObjectMapper mapper = new ObjectMapper();

  LocalApiClient(URI endpoint, String accessKey, String secret) {
    this.endpoint = endpoint;
    this.accessKey = accessKey;
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
  }

  JsonNode get(String path) {
    return call("GET", path, null);
  }

  /** GET, with a 404 as empty: for {@code get(id)} methods that answer Optional. */
  java.util.Optional<JsonNode> find(String path) {
    try {
      return java.util.Optional.of(get(path));
    } catch (CloudException e) {
      if (e.type() == CloudErrorType.NOT_FOUND) {
        return java.util.Optional.empty();
      }
      throw e;
    }
  }

  JsonNode post(String path, Object body) {
    return call("POST", path, body);
  }

  JsonNode delete(String path) {
    return call("DELETE", path, null);
  }

  JsonNode call(String method, String pathWithQuery, Object body) {
    Answer answer = send(method, pathWithQuery, body);
    if (answer.body().length == 0) {
      return mapper.createObjectNode();
    }
    try {
      return mapper.readTree(answer.body());
    } catch (IOException e) {
      throw notJson(answer.status(), e);
    }
  }

  /**
   * GET, with the successful answer's body handed to {@code reader} as it is: for a caller that
   * streams a large answer instead of building its tree. Errors are mapped as for {@link #get}.
   */
  <T> T get(String path, BodyReader<T> reader) {
    Answer answer = send("GET", path, null);
    try {
      return reader.read(answer.body());
    } catch (IOException e) {
      throw notJson(answer.status(), e);
    }
  }

  /** Reads a successful answer's body. */
  @FunctionalInterface
  interface BodyReader<T> {
    T read(byte[] body) throws IOException;
  }

  /** A successful answer: its status and body (empty for none). */
  private record Answer(int status, byte[] body) {}

  /** Sends a signed request; an error answer is thrown as its type. */
  private Answer send(String method, String pathWithQuery, Object body) {
    byte[] bytes;
    try {
      bytes = body == null ? new byte[0] : mapper.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new InternalException("cannot encode a request to the local cloud", e);
    }
    URI uri = endpoint.resolve(pathWithQuery);
    String signedPath =
        uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    String timestamp = Long.toString(System.currentTimeMillis());
    String nonce = RequestSigner.nonce();
    String signature =
        RequestSigner.sign(
            secret, RequestSigner.stringToSign(method, signedPath, timestamp, nonce, bytes));
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .header(RequestSigner.ACCESS_KEY_HEADER, accessKey)
            .header(RequestSigner.TIMESTAMP_HEADER, timestamp)
            .header(RequestSigner.NONCE_HEADER, nonce)
            .header(RequestSigner.SIGNATURE_HEADER, signature)
            .method(method, HttpRequest.BodyPublishers.ofByteArray(bytes))
            .build();
    HttpResponse<byte[]> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new CloudException(
          CloudErrorType.COMMUNICATION,
          0,
          null,
          // Never the remote's words: whatever answered there (a banner, a page) stays there.
          "could not reach the cloud at " + endpoint + " (" + e.getClass().getSimpleName() + ")",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CloudException(CloudErrorType.COMMUNICATION, 0, null, "interrupted", e);
    }
    if (response.statusCode() == 204 || response.body().length == 0) {
      return new Answer(response.statusCode(), new byte[0]);
    }
    if (response.statusCode() >= 400) {
      JsonNode json;
      try {
        json = mapper.readTree(response.body());
      } catch (IOException e) {
        throw notJson(response.statusCode(), e);
      }
      throw error(response.statusCode(), json.path("error"));
    }
    return new Answer(response.statusCode(), response.body());
  }

  private static CloudException notJson(int status, Exception cause) {
    return new CloudException(
        CloudErrorType.COMMUNICATION,
        status,
        null,
        "the local cloud answered with something other than JSON",
        cause);
  }

  /** The taxonomy: each of the daemon's codes to one type. */
  static CloudException error(int status, JsonNode error) {
    String code = error.path("code").asText("Unknown");
    String message = error.path("message").asText("the local cloud refused the request");
    CloudErrorType type =
        switch (code) {
          case "Throttling" -> CloudErrorType.THROTTLING;
          case "InsufficientCapacity" -> CloudErrorType.CAPACITY;
          case "BadGateway" -> CloudErrorType.COMMUNICATION;
          case "AuthFailure" -> CloudErrorType.AUTHENTICATION;
          case "NotFound", "ImageNotFound" -> CloudErrorType.NOT_FOUND;
          case "InvalidState" -> CloudErrorType.INVALID_STATE;
          case "InvalidRequest", "MalformedJson", "TooLarge" -> CloudErrorType.INVALID_REQUEST;
          case "QuotaExceeded" -> CloudErrorType.QUOTA;
          default ->
              status == 502 || status == 503 || status == 504
                  ? CloudErrorType.COMMUNICATION
                  : CloudErrorType.GENERAL;
        };
    return new CloudException(type, status, code, message, null);
  }
}
