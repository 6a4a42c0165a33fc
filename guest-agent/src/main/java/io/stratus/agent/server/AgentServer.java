package io.stratus.agent.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.stratus.agent.tls.Components;
import io.stratus.web.ErrorBody;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * The agent's listener (2003): HTTPS with the JDK's server, a client certificate required (one
 * issued by the installation CA; anything else never gets past the TLS handshake), and then only
 * the Dispatcher, workers and pinger ({@link Components#CALLERS}) get further; any other component
 * gets 403. Request bodies are limited to 1 MiB (413). Every answer is JSON; errors are an {@link
 * ErrorBody}, {@code {"error":{"message":"..."}}}.
 */
public final class AgentServer implements AutoCloseable {
  private static final Logger log = Logger.getLogger(AgentServer.class.getName());
  public static final int MAX_BODY = 1024 * 1024;
  private static final long DRAIN_LIMIT = 8L * 1024 * 1024;
  private static final int THREADS = 8;

  private final HttpsServer server;
  private final ThreadPoolExecutor executor;

  private AgentServer(HttpsServer server, ThreadPoolExecutor executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Binds {@code address:port} and starts serving {@code routes}. */
  public static AgentServer start(String address, int port, SSLContext context, Routes routes)
      throws IOException {
    HttpsServer server = HttpsServer.create(new InetSocketAddress(address, port), 64);
    server.setHttpsConfigurator(
        new HttpsConfigurator(context) {
          @Override
          public void configure(HttpsParameters params) {
            SSLParameters parameters = getSSLContext().getDefaultSSLParameters();
            parameters.setNeedClientAuth(true);
            params.setSSLParameters(parameters);
          }
        });
    AtomicInteger counter = new AtomicInteger();
    ThreadPoolExecutor executor =
        new ThreadPoolExecutor(
            THREADS,
            THREADS,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(256),
            r -> {
              Thread t = new Thread(null, r, "agent-http-" + counter.incrementAndGet(), 256 * 1024);
              t.setDaemon(true);
              return t;
            });
    executor.allowCoreThreadTimeOut(true);
    server.setExecutor(executor);
    server.createContext("/", exchange -> handle(exchange, routes));
    server.start();
    return new AgentServer(server, executor);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void handle(HttpExchange exchange, Routes routes) {
    try (exchange) {
      try {
        String caller = caller(exchange);
        if (!Components.CALLERS.contains(caller)) {
          log.warning(
              "Refused "
                  + exchange.getRequestMethod()
                  + " "
                  + exchange.getRequestURI().getRawPath()
                  + " from "
                  + exchange.getRemoteAddress().getAddress().getHostAddress()
                  + ": component "
                  + caller);
          throw new ApiException(
              403, "component " + caller + " may not call the agent (only " + callers() + ")");
        }
        byte[] body = body(exchange);
        Routes.Response response =
            routes.handle(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(),
                body);
        send(exchange, response.status(), response.body());
      } catch (ApiException e) {
        send(exchange, e.status(), ErrorBody.json(e.getMessage()));
      } catch (RuntimeException e) {
        log.log(Level.WARNING, "Request " + exchange.getRequestURI() + " failed", e);
        // Unexpected: its message may say anything, so it goes to the log only.
        send(exchange, 500, ErrorBody.json("internal error"));
      }
    } catch (IOException e) {
      log.fine("Cannot answer " + exchange.getRequestURI() + ": " + e.getMessage());
    }
  }

  private static String callers() {
    return String.join(", ", new java.util.TreeSet<>(Components.CALLERS));
  }

  private static String caller(HttpExchange exchange) throws ApiException {
    try {
      Certificate[] chain = ((HttpsExchange) exchange).getSSLSession().getPeerCertificates();
      if (chain.length > 0 && chain[0] instanceof X509Certificate certificate) {
        return Components.of(certificate).orElse("(none named)");
      }
    } catch (SSLPeerUnverifiedException e) {
      // reported below
    }
    throw new ApiException(403, "a client certificate is required");
  }

  private static byte[] body(HttpExchange exchange) throws IOException, ApiException {
    String length = exchange.getRequestHeaders().getFirst("Content-Length");
    long declared = -1;
    if (length != null) {
      try {
        declared = Long.parseLong(length.strip());
      } catch (NumberFormatException e) {
        throw new ApiException(400, "bad Content-Length");
      }
    }
    try (InputStream in = exchange.getRequestBody()) {
      if (declared > MAX_BODY) {
        // Read what was sent (up to a bound) before answering, so the client sees the answer
        // rather than a reset connection.
        if (declared > DRAIN_LIMIT || skip(in, declared) < declared) {
          exchange.getResponseHeaders().set("Connection", "close");
        }
        throw new ApiException(413, "request bodies are limited to " + MAX_BODY + " bytes");
      }
      byte[] body = in.readNBytes(MAX_BODY + 1);
      if (body.length > MAX_BODY) {
        exchange.getResponseHeaders().set("Connection", "close");
        throw new ApiException(413, "request bodies are limited to " + MAX_BODY + " bytes");
      }
      return body;
    }
  }

  private static long skip(InputStream in, long n) throws IOException {
    byte[] buffer = new byte[16 * 1024];
    long skipped = 0;
    while (skipped < n) {
      int step = in.read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
      if (step < 0) {
        break;
      }
      skipped += step;
    }
    return skipped;
  }

  private static void send(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** Stops accepting, gives running exchanges a second, and stops. */
  @Override
  public void close() {
    server.stop(1);
    executor.shutdownNow();
  }
}
