package io.stratus.cloud.openstack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP proxy in front of a real service that answers its first {@code throttled} requests with
 * 429 and {@code Retry-After: retryAfterSeconds}, then passes requests through.
 */
final class ThrottlingProxy implements AutoCloseable {
  private static final Set<String> HOP =
      Set.of("host", "content-length", "connection", "transfer-encoding", "upgrade", "expect");

  private final HttpServer server;
  private final URI target;
  private final AtomicInteger requests = new AtomicInteger();
  private final HttpClient client = HttpClient.newHttpClient();

  private ThrottlingProxy(HttpServer server, URI target) {
    this.server = server;
    this.target = target;
  }

  /**
   * @param identity the real service's URL (its path is kept: the proxy's identity() has the same)
   */
  static ThrottlingProxy start(URI identity, int throttled, int retryAfterSeconds)
      throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    ThrottlingProxy proxy =
        new ThrottlingProxy(
            server, URI.create(identity.getScheme() + "://" + identity.getAuthority()));
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            if (proxy.requests.incrementAndGet() <= throttled) {
              byte[] body =
                  "{\"overLimit\": {\"code\": 429, \"message\": \"Rate limit exceeded\"}}"
                      .getBytes();
              exchange.getResponseHeaders().add("Retry-After", Integer.toString(retryAfterSeconds));
              exchange.getResponseHeaders().add("Content-Type", "application/json");
              exchange.sendResponseHeaders(429, body.length);
              exchange.getResponseBody().write(body);
              return;
            }
            proxy.forward(exchange);
          }
        });
    server.start();
    return proxy;
  }

  URI identity() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v3");
  }

  int requests() {
    return requests.get();
  }

  private void forward(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
            .method(
                exchange.getRequestMethod(),
                body.length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> {
              if (!HOP.contains(name.toLowerCase())) {
                values.forEach(v -> request.header(name, v));
              }
            });
    HttpResponse<byte[]> answer;
    try {
      answer = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    answer
        .headers()
        .map()
        .forEach(
            (name, values) -> {
              if (!HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, List.copyOf(values));
              }
            });
    byte[] out = answer.body();
    exchange.sendResponseHeaders(answer.statusCode(), out.length == 0 ? -1 : out.length);
    if (out.length > 0) {
      exchange.getResponseBody().write(out);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
