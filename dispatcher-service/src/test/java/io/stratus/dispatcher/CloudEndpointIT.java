package io.stratus.dispatcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.stratus.dispatcher.support.DispatcherClient;
import io.stratus.dispatcher.support.DispatcherClient.Answer;
import io.stratus.dispatcher.support.Platform;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

/**
 * Where a cloud's endpoint points is the operator's decision, and what a cloud answers comes back
 * only as a bounded one-line summary: a customer cannot make the workers call the platform's own
 * network (a MariaDB-like banner on loopback stands for it) nor read an answer back, nor forge log
 * lines with a cloud's error text.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CloudEndpointIT {
  private static final Duration JOB_LIMIT = Duration.ofSeconds(60);
  private static final String BANNER = "5.5.5-10.11.6-MariaDB-secret-banner-of-the-platform";

  private BannerServer banner;
  private BannerServer allowedByTheDispatcherOnly;
  private HttpServer chattyCloud;
  private Platform platform;
  private DispatcherClient console;
  private long localCloud;
  private Map<String, String> credentials;

  @BeforeAll
  void start() throws Exception {
    banner = new BannerServer();
    allowedByTheDispatcherOnly = new BannerServer();
    chattyCloud = chattyCloud();
    platform =
        Platform.start(
            "endpoints",
            "regions=sim-1\nregion.sim-1.mode=simulated\n",
            Map.of(),
            Map.of("cloud.endpoint.allow", "127.0.0.1:" + allowedByTheDispatcherOnly.port()));
    long[] acme = platform.newCustomer("endpointco");
    console = platform.client("console", acme[0], acme[1]);
    localCloud = platform.defineLocalCloud();
    credentials = platform.cloud().credentials();
  }

  @AfterAll
  void stop() throws IOException {
    if (platform != null) {
      platform.close();
    }
    banner.close();
    allowedByTheDispatcherOnly.close();
    chattyCloud.stop(0);
  }

  @Test
  void aCustomersEndpointOnThePlatformsNetworkIsRefusedAtRegistration() {
    Answer refused =
        console.post(
            "/accounts", account(localCloud, "probe", "http://127.0.0.1:" + banner.port() + "/"));
    assertEquals(400, refused.status(), refused.body().toString());
    assertTrue(refused.error().contains("'endpoint'"), refused.error());
    assertFalse(refused.body().toString().contains("MariaDB"), refused.body().toString());
    assertEquals(0, banner.connections(), "nothing called the customer's endpoint");
  }

  @Test
  void theCataloguesEndpointIsUsedWhenTheCustomerGivesNoneOrTheSameOne() throws Exception {
    JsonNode none = awaitJob(console.post("/accounts", account(localCloud, "plain", null)));
    assertEquals("COMPLETE", none.path("status").asText(), none.toString());
    JsonNode same =
        awaitJob(
            console.post("/accounts", account(localCloud, "same", credentials.get("endpoint"))));
    assertEquals("COMPLETE", same.path("status").asText(), same.toString());
  }

  @Test
  void theWorkerChecksAgainAndCallsNoEndpointItDoesNotAllow() throws Exception {
    Answer accepted =
        console.post(
            "/accounts",
            account(
                localCloud,
                "dispatcher-allowed",
                "http://127.0.0.1:" + allowedByTheDispatcherOnly.port() + "/"));
    JsonNode job = awaitJob(accepted);
    assertEquals("ERROR", job.path("status").asText(), job.toString());
    assertTrue(job.path("message").asText().contains("'endpoint'"), job.toString());
    assertEquals(0, allowedByTheDispatcherOnly.connections(), "the worker called it");
    assertEquals(
        "error",
        platform
            .jdbc()
            .sql("SELECT status FROM cloud_account WHERE id = ?")
            .param(accepted.id("resourceId"))
            .query(String.class)
            .single());
  }

  @Test
  void aCloudsLongMultiLineErrorBecomesABoundedOneLineSummaryAndOneLogLine() throws Exception {
    platform
        .jdbc()
        .sql("INSERT INTO cloud (name, provider_name, endpoint) VALUES ('chatty', 'local', ?)")
        .param("http://127.0.0.1:" + chattyCloud.getAddress().getPort() + "/")
        .update();
    long chatty =
        platform
            .jdbc()
            .sql("SELECT id FROM cloud WHERE name = 'chatty'")
            .query(Long.class)
            .single();
    List<String> lines = new CopyOnWriteArrayList<>();
    AppenderBase<ILoggingEvent> capture = formattedLines(lines);
    Answer accepted;
    JsonNode job;
    try {
      accepted = console.post("/accounts", account(chatty, "chatty", null));
      job = awaitJob(accepted);
    } finally {
      root().detachAppender(capture);
    }
    assertEquals("ERROR", job.path("status").asText(), job.toString());
    String message = job.path("message").asText();
    assertTrue(message.length() <= 260, message.length() + ": " + message);
    assertFalse(message.contains("\n") || message.contains("\r"), message);
    assertTrue(message.contains("refused: FAKE ERROR line x"), message);
    String status =
        platform
            .jdbc()
            .sql("SELECT status_message FROM cloud_account WHERE id = ?")
            .param(accepted.id("resourceId"))
            .query(String.class)
            .single();
    assertTrue(status.length() <= 201 && !status.contains("\n"), status);
    assertFalse(lines.isEmpty(), "the failure was logged");
    for (String line : lines) {
      for (String part : line.split("\n")) {
        assertFalse(part.startsWith("FAKE ERROR"), "a forged log line: " + line);
      }
    }
  }

  // --- helpers ---

  private Map<String, Object> account(long cloudId, String name, String endpoint) {
    Map<String, String> fields = new java.util.HashMap<>();
    fields.put("accessKey", credentials.get("accessKey"));
    fields.put("secretKey", credentials.get("secretKey"));
    if (endpoint != null) {
      fields.put("endpoint", endpoint);
    }
    return Map.of("cloudId", cloudId, "name", name, "fields", fields);
  }

  private JsonNode awaitJob(Answer accepted) throws InterruptedException {
    assertEquals(202, accepted.status(), accepted.body().toString());
    return console.awaitJob(accepted.id("jobId"), JOB_LIMIT);
  }

  private static Logger root() {
    return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME);
  }

  /** Every event from now on, as the components' console appender formats it. */
  @SuppressWarnings("unchecked")
  private static AppenderBase<ILoggingEvent> formattedLines(List<String> lines) {
    OutputStreamAppender<ILoggingEvent> console =
        (OutputStreamAppender<ILoggingEvent>) root().getAppender("CONSOLE");
    AppenderBase<ILoggingEvent> capture =
        new AppenderBase<>() {
          @Override
          protected void append(ILoggingEvent event) {
            lines.add(new String(console.getEncoder().encode(event), StandardCharsets.UTF_8));
          }
        };
    capture.setContext(root().getLoggerContext());
    capture.start();
    root().addAppender(capture);
    return capture;
  }

  /** A cloud (as the operator defined it) that refuses everything with a long multi-line text. */
  private static HttpServer chattyCloud() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    String text = "refused:\nFAKE ERROR line\r\n" + "x".repeat(5000) + "\nFAKE ERROR another line";
    byte[] body =
        ("{\"error\":{\"code\":\"InvalidRequest\",\"message\":"
                + new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(text)
                + "}}")
            .getBytes(StandardCharsets.UTF_8);
    server.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(400, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    return server;
  }

  /** A service on loopback that greets every connection with a banner, as MariaDB does. */
  private static final class BannerServer implements AutoCloseable {
    private final ServerSocket socket = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
    private final AtomicInteger connections = new AtomicInteger();

    BannerServer() throws IOException {
      Thread accept =
          new Thread(
              () -> {
                while (!socket.isClosed()) {
                  try (Socket client = socket.accept()) {
                    connections.incrementAndGet();
                    client
                        .getOutputStream()
                        .write(("J\0\0\0\n" + BANNER + "\0").getBytes(StandardCharsets.UTF_8));
                  } catch (IOException e) {
                    // closed, or the caller went away
                  }
                }
              },
              "banner-" + socket.getLocalPort());
      accept.setDaemon(true);
      accept.start();
    }

    int port() {
      return socket.getLocalPort();
    }

    int connections() {
      return connections.get();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
