package io.stratus.cloud.local.daemon;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.stratus.web.ErrorBody;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's HTTP API on 127.0.0.1: JSON in and out, every request signed (see {@link
 * RequestSigner}, each signature good once) except the metadata endpoint, which answers only a VM's
 * own token. Errors are {@code {"error":{"message":..,"code":..}}} ({@link ErrorBody}) with a 4xx
 * status for anything the caller got wrong.
 */
final class ApiServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ApiServer.class);
  private static final int MAX_BODY = 1024 * 1024;
  private static final long MAX_SKEW_MILLIS = 5 * 60 * 1000;

  /** One route's handler: path parameters, query, body → response object. */
  @FunctionalInterface
  interface Handler {
    Object handle(List<String> path, Map<String, String> query, JsonNode body) throws Exception;
  }

  private record Route(String method, Pattern pattern, int status, Handler handler) {}

  private final ObjectMapper mapper = new ObjectMapper();
  private final List<Route> routes = new ArrayList<>();
  private final Credentials credentials;
  private final VmService vms;
  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(16);
  private final ReplayGuard replays = new ReplayGuard(MAX_SKEW_MILLIS);

  ApiServer(
      int port,
      Credentials credentials,
      CloudState state,
      VmService vms,
      StorageService storage,
      NetworkService network)
      throws IOException {
    this.credentials = credentials;
    this.vms = vms;
    new ApiRoutes(state, vms, storage, network).register(this);
    // The JDK server writes a response's headers and body separately; without TCP_NODELAY the body
    // waits for the client's delayed ACK, adding ~40 ms to every call. Read once, when the first
    // server is made, so it is set here, before that.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    this.server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
    server.setExecutor(executor);
    server.createContext("/", this::serve);
  }

  void route(String method, String pattern, int status, Handler handler) {
    routes.add(new Route(method, Pattern.compile(pattern), status, handler));
  }

  void start() {
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      try {
        byte[] body = readBody(exchange);
        String path = exchange.getRequestURI().getRawPath();
        if (path.startsWith("/metadata/")) {
          metadata(exchange, path);
          return;
        }
        authenticate(exchange, body);
        dispatch(exchange, path, body);
      } catch (ApiException e) {
        error(exchange, e.status(), e.code(), e.getMessage());
      } catch (JsonProcessingException e) {
        error(exchange, 400, "MalformedJson", "the body is not valid JSON");
      } catch (Exception e) {
        // Unexpected: its message may say anything, so it goes to the log only.
        log.error("Request {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
        error(exchange, 500, "InternalError", "internal error");
      }
    }
  }

  private void dispatch(HttpExchange exchange, String path, byte[] body) throws Exception {
    boolean pathMatched = false;
    for (Route route : routes) {
      Matcher m = route.pattern.matcher(path);
      if (!m.matches()) {
        continue;
      }
      pathMatched = true;
      if (!route.method.equals(exchange.getRequestMethod())) {
        continue;
      }
      List<String> params = new ArrayList<>();
      for (int i = 1; i <= m.groupCount(); i++) {
        params.add(URLDecoder.decode(m.group(i), StandardCharsets.UTF_8));
      }
      JsonNode json = body.length == 0 ? mapper.createObjectNode() : mapper.readTree(body);
      if (json == null || !json.isObject()) {
        throw new ApiException(400, "MalformedJson", "the body must be a JSON object");
      }
      Object result = route.handler.handle(params, query(exchange), json);
      if (result == null) {
        exchange.sendResponseHeaders(204, -1);
      } else {
        send(exchange, route.status, mapper.writeValueAsBytes(result));
      }
      return;
    }
    if (pathMatched) {
      throw new ApiException(
          405, "MethodNotAllowed", exchange.getRequestMethod() + " is not allowed on " + path);
    }
    throw new ApiException(404, "NotFound", "no such endpoint: " + path);
  }

  private void metadata(HttpExchange exchange, String path) throws IOException {
    Matcher m = Pattern.compile("/metadata/([A-Za-z0-9-]+)/user-data").matcher(path);
    if (!m.matches() || !exchange.getRequestMethod().equals("GET")) {
      throw new ApiException(404, "NotFound", "no such metadata: " + path);
    }
    String data = vms.userData(m.group(1), exchange.getRequestHeaders().getFirst("X-VM-Token"));
    byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(200, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private void authenticate(HttpExchange exchange, byte[] body) {
    var headers = exchange.getRequestHeaders();
    String accessKey = headers.getFirst(RequestSigner.ACCESS_KEY_HEADER);
    String timestamp = headers.getFirst(RequestSigner.TIMESTAMP_HEADER);
    String signature = headers.getFirst(RequestSigner.SIGNATURE_HEADER);
    String nonce = headers.getFirst(RequestSigner.NONCE_HEADER);
    if (accessKey == null || timestamp == null || signature == null || nonce == null) {
      throw new ApiException(401, "AuthFailure", "the request is not signed");
    }
    long millis;
    try {
      millis = Long.parseLong(timestamp);
    } catch (NumberFormatException e) {
      throw new ApiException(401, "AuthFailure", "the timestamp is not epoch milliseconds");
    }
    long now = System.currentTimeMillis();
    if (Math.abs(now - millis) > MAX_SKEW_MILLIS) {
      throw new ApiException(401, "AuthFailure", "the timestamp is more than 5 minutes off");
    }
    String toSign =
        RequestSigner.stringToSign(
            exchange.getRequestMethod(),
            exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null
                    ? ""
                    : "?" + exchange.getRequestURI().getRawQuery()),
            timestamp,
            nonce,
            body);
    if (!credentials.verify(accessKey, toSign, signature)) {
      throw new ApiException(401, "AuthFailure", "the access key or signature is wrong");
    }
    if (!replays.firstUse(signature, millis, now)) {
      throw new ApiException(401, "AuthFailure", "this signed request was already used");
    }
  }

  private static byte[] readBody(HttpExchange exchange) throws IOException {
    String length = exchange.getRequestHeaders().getFirst("Content-Length");
    if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > MAX_BODY) {
      // Refused before reading: the connection is closed after the answer.
      exchange.getResponseHeaders().set("Connection", "close");
      throw new ApiException(413, "TooLarge", "the body is larger than 1 MiB");
    }
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(MAX_BODY + 1);
      if (body.length > MAX_BODY) {
        exchange.getResponseHeaders().set("Connection", "close");
        throw new ApiException(413, "TooLarge", "the body is larger than 1 MiB");
      }
      return body;
    }
  }

  private static Map<String, String> query(HttpExchange exchange) {
    Map<String, String> query = new HashMap<>();
    String raw = exchange.getRequestURI().getRawQuery();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          query.put(
              URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
              URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return query;
  }

  private void error(HttpExchange exchange, int status, String code, String message)
      throws IOException {
    send(exchange, status, ErrorBody.bytes(message, code));
  }

  private static void send(HttpExchange exchange, int status, byte[] bytes) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** Reads a comma-separated state filter. */
  static Set<String> states(String value) {
    Set<String> states = new HashSet<>();
    if (value != null && !value.isBlank()) {
      for (String s : value.split(",")) {
        states.add(s.strip().toUpperCase(Locale.ROOT));
      }
    }
    return states;
  }
}
