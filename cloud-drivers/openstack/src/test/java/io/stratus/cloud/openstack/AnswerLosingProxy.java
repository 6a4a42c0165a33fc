package io.stratus.cloud.openstack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A proxy in front of the test cloud's Keystone and Nova whose Keystone answers point the
 * catalogue's compute endpoint at the proxy, and which loses Nova's answer to the first server
 * launch: the launch reaches Nova and is carried out, but the connection is cut before the answer
 * comes back, as when Nova's API dies after accepting a request.
 */
final class AnswerLosingProxy implements AutoCloseable {
  private static final Set<String> HOP =
      Set.of("host", "content-length", "connection", "transfer-encoding", "upgrade", "expect");

  private final HttpServer server;
  private final URI keystone;
  private final URI nova;
  private final AtomicInteger launches = new AtomicInteger();
  private final HttpClient client = HttpClient.newHttpClient();

  private AnswerLosingProxy(HttpServer server, URI keystone, URI nova) {
    this.server = server;
    this.keystone = keystone;
    this.nova = nova;
  }

  /**
   * @param identity Keystone's v3 URL
   * @param nova Nova's URL as the catalogue has it, e.g. http://127.0.0.1:8774/v2.1
   */
  static AnswerLosingProxy start(URI identity, URI nova) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    AnswerLosingProxy proxy = new AnswerLosingProxy(server, identity, nova);
    server.createContext("/v3", proxy::identity);
    server.createContext("/compute", proxy::compute);
    server.start();
    return proxy;
  }

  URI identity() {
    return URI.create(base() + "/v3");
  }

  private String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void identity(HttpExchange exchange) throws IOException {
    try (exchange) {
      URI target =
          URI.create(
              keystone.getScheme() + "://" + keystone.getAuthority() + exchange.getRequestURI());
      HttpResponse<byte[]> answer = forward(exchange, target);
      String body = new String(answer.body(), StandardCharsets.UTF_8);
      String rewritten = body.replace(nova.toString(), base() + "/compute" + nova.getPath());
      reply(exchange, answer, rewritten.getBytes(StandardCharsets.UTF_8));
    }
  }

  private void compute(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().toString().substring("/compute".length());
    URI target = URI.create(nova.getScheme() + "://" + nova.getAuthority() + path);
    boolean launch =
        "POST".equals(exchange.getRequestMethod())
            && exchange.getRequestURI().getPath().endsWith("/servers");
    HttpResponse<byte[]> answer = forward(exchange, target);
    if (launch && launches.incrementAndGet() == 1) {
      // Nova has made the server; its answer is lost with the connection
      exchange.getResponseBody().close();
      exchange.close();
      return;
    }
    try (exchange) {
      reply(exchange, answer, answer.body());
    }
  }

  int launches() {
    return launches.get();
  }

  private HttpResponse<byte[]> forward(HttpExchange exchange, URI target) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(target)
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
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private static void reply(HttpExchange exchange, HttpResponse<byte[]> answer, byte[] body)
      throws IOException {
    answer
        .headers()
        .map()
        .forEach(
            (name, values) -> {
              if (!HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, List.copyOf(values));
              }
            });
    exchange.sendResponseHeaders(answer.statusCode(), body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      exchange.getResponseBody().write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
