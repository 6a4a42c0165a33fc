package io.stratus.common.km;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratus.common.pki.TlsMaterial;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Key Manager's client: mutual TLS with the component's own certificate, one {@link HttpClient}
 * whose connections are kept and reused, JSON over HTTP/1.1. Thread-safe; make one per process and
 * share it.
 *
 * <p>Errors: {@link KeyNotFoundException} for an unknown id, {@link KmUnavailableException} when
 * the KM cannot be reached or its database is down (worth retrying), {@link KmException} for every
 * other refusal (a programming or configuration error: 400, 403, 413). Messages never hold parts.
 */
public final class KmClient implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final KmClientSettings settings;
  private final HttpClient http;
  private final ExecutorService executor;
  private final URI keys;

  private KmClient(KmClientSettings settings, HttpClient http, ExecutorService executor) {
    this.settings = settings;
    this.http = http;
    this.executor = executor;
    this.keys = URI.create(settings.url() + "/keys");
  }

  /** A client presenting {@code tls}'s certificate and trusting only the installation CA. */
  public static KmClient create(KmClientSettings settings, TlsMaterial tls) {
    AtomicInteger threads = new AtomicInteger();
    ExecutorService executor =
        Executors.newCachedThreadPool(
            task -> {
              Thread thread = new Thread(task, "km-client-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    HttpClient http =
        HttpClient.newBuilder()
            .executor(executor)
            .version(HttpClient.Version.HTTP_1_1)
            .sslContext(tls.sslContext())
            .connectTimeout(settings.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    return new KmClient(settings, http, executor);
  }

  /** Stores a new key; returns the fresh, random id the KM gave it. */
  public long create(KeyParts parts) {
    HttpResponse<String> response = send(json(HttpRequest.newBuilder(keys), "POST", parts), null);
    expect(response, 201, null);
    return read(response).path("keyId").asLong();
  }

  /**
   * The parts of key {@code keyId}.
   *
   * @throws KeyNotFoundException if the KM holds no such key
   */
  public KeyParts fetch(long keyId) {
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(keyUri(keyId)).GET().header("Accept", "application/json"),
            keyId);
    expect(response, 200, keyId);
    JsonNode body = read(response);
    return new KeyParts(
        body.path("version").asText(),
        body.path("publicPart").asText(),
        body.path("privatePart").asText());
  }

  /** Replaces key {@code keyId}'s version and parts (rotation, re-encryption). */
  public void replace(long keyId, KeyParts parts) {
    expect(send(json(HttpRequest.newBuilder(keyUri(keyId)), "PUT", parts), keyId), 204, keyId);
  }

  /** Deletes key {@code keyId}. */
  public void delete(long keyId) {
    expect(send(HttpRequest.newBuilder(keyUri(keyId)).DELETE(), keyId), 204, keyId);
  }

  public URI url() {
    return settings.url();
  }

  /** Stops the client's threads; its pooled connections close when it is collected. */
  @Override
  public void close() {
    executor.shutdownNow();
  }

  private URI keyUri(long keyId) {
    return URI.create(keys + "/" + keyId);
  }

  private HttpRequest.Builder json(HttpRequest.Builder builder, String method, KeyParts parts) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("version", parts.version());
    body.put("publicPart", parts.publicPart());
    body.put("privatePart", parts.privatePart());
    try {
      return builder
          .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
          .header("Content-Type", "application/json")
          .header("Accept", "application/json");
    } catch (IOException e) {
      throw new KmException(0, "cannot encode a key for the Key Manager", e);
    }
  }

  private HttpResponse<String> send(HttpRequest.Builder request, Long keyId) {
    HttpRequest built = request.timeout(settings.timeout()).build();
    try {
      return http.send(built, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new KmUnavailableException(
          0,
          "the Key Manager at "
              + settings.url()
              + " cannot be reached"
              + about(keyId)
              + ": "
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : " " + e.getMessage()),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KmUnavailableException(0, "interrupted while calling the Key Manager", e);
    }
  }

  private static void expect(HttpResponse<String> response, int status, Long keyId) {
    int got = response.statusCode();
    if (got == status) {
      return;
    }
    String reason = errorText(response);
    if (got == 404 && keyId != null) {
      throw new KeyNotFoundException(keyId);
    }
    String message = "the Key Manager answered " + got + about(keyId) + ": " + reason;
    if (got == 503 || got == 502 || got == 504) {
      throw new KmUnavailableException(got, message, null);
    }
    throw new KmException(got, message);
  }

  private static String about(Long keyId) {
    return keyId == null ? "" : " for key " + keyId;
  }

  private static String errorText(HttpResponse<String> response) {
    try {
      JsonNode body = JSON.readTree(response.body());
      // {"error":{"message":"..."}}; a KM of the previous release answers {"error":"..."}.
      JsonNode error = body == null ? null : body.get("error");
      if (error != null && error.isObject() && error.path("message").isTextual()) {
        return error.path("message").asText();
      }
      if (error != null && error.isTextual()) {
        return error.asText();
      }
    } catch (IOException e) {
      // not JSON: fall through
    }
    return "(no explanation)";
  }

  private static JsonNode read(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      // Jackson's message may quote the body, which holds parts: leave it out.
      throw new KmException(response.statusCode(), "the Key Manager's answer is not JSON");
    }
  }
}
