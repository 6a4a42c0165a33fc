package io.stratus.dispatcher.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratus.common.pki.TlsMaterial;
import io.stratus.testkit.LoopbackHttps;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Calls the Dispatcher as the console (or another component) would, for one customer and user. */
public final class DispatcherClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A status and a JSON body. */
  public record Answer(int status, JsonNode body) {
    public long id(String field) {
      return body.path(field).asLong();
    }

    public String error() {
      return body.path("error").path("message").asText();
    }
  }

  private final HttpClient http;
  private final URI base;
  private final Long customerId;
  private final Long userId;

  public DispatcherClient(TlsMaterial tls, int port, Long customerId, Long userId) {
    this(LoopbackHttps.client(tls.sslContext()), LoopbackHttps.base(port), customerId, userId);
  }

  private DispatcherClient(HttpClient http, URI base, Long customerId, Long userId) {
    this.http = http;
    this.base = base;
    this.customerId = customerId;
    this.userId = userId;
  }

  /** The same connection, acting for another customer and user. */
  public DispatcherClient as(Long customer, Long user) {
    return new DispatcherClient(http, base, customer, user);
  }

  public Answer get(String path) {
    return send("GET", path, null);
  }

  public Answer post(String path, Object body) {
    return send("POST", path, body);
  }

  public Answer delete(String path) {
    return send("DELETE", path, null);
  }

  /** Sends {@code body} as it is: a String is sent raw (for malformed-JSON tests). */
  public Answer send(String method, String path, Object body) {
    try {
      HttpRequest.BodyPublisher publisher =
          body == null
              ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofString(
                  body instanceof String raw ? raw : JSON.writeValueAsString(body));
      HttpRequest.Builder request =
          HttpRequest.newBuilder(base.resolve(path))
              .timeout(Duration.ofSeconds(30))
              .method(method, publisher)
              .header("Content-Type", "application/json")
              .header("Accept", "application/json");
      if (customerId != null) {
        request.header("X-Stratus-Customer", customerId.toString());
      }
      if (userId != null) {
        request.header("X-Stratus-User", userId.toString());
      }
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode parsed =
          response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
      return new Answer(response.statusCode(), parsed);
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Waits for job {@code jobId} to end; returns it. */
  public JsonNode awaitJob(long jobId, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      Answer job = get("/jobs/" + jobId);
      if (job.status() != 200) {
        throw new AssertionError("job " + jobId + ": " + job.status() + " " + job.body());
      }
      if (!"RUNNING".equals(job.body().path("status").asText())) {
        return job.body();
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "job " + jobId + " still running after " + limit + ": " + job.body());
      }
      Thread.sleep(100);
    }
  }
}
