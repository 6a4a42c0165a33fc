package io.stratus.api.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratus.api.Api;
import io.stratus.api.support.ApiClient;
import io.stratus.api.support.ApiFixture;
import io.stratus.api.support.ApiFixture.Customer;
import io.stratus.cloud.local.daemon.RequestSigner;
import io.stratus.cloud.local.driver.LocalCloudProviderFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every service a platform runs (the API, the Key Manager, the Dispatcher, the local cloud) answers
 * the same bad requests (malformed JSON, an unknown path, a wrong method, a body too large) with a
 * 4xx and the one error shape, {@code {"error":{"message":"..."}}} (the local cloud adds its {@code
 * code} inside "error"). Requests are written on a socket, so nothing between the test and the
 * service reshapes them. The guest agent's errors are checked by its own ITs, through the same
 * {@code ErrorBody}.
 */
class ErrorShapeIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HUGE = "Content-Length: 1073741824\r\n";
  private static final String MALFORMED = "{\"name\": \"unfinished";

  private static ApiFixture fixture;
  private static Customer acme;
  private static ApiClient api;

  @BeforeAll
  static void start() throws IOException {
    fixture =
        ApiFixture.withPlatform("errorshape", "regions=local-1\nregion.local-1.mode=simulated\n");
    acme = fixture.newCustomer("acme");
    api = fixture.client(acme);
  }

  @AfterAll
  static void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void theApiAnswersBadRequestsInTheOneShape() throws IOException {
    String servers = Api.BASE + "/infrastructure/Server";
    assertShape(400, "API malformed", signedApi("POST", servers, MALFORMED));
    assertShape(
        404, "API unknown path", signedApi("GET", Api.BASE + "/infrastructure/Nothing", null));
    assertShape(405, "API wrong method", signedApi("PATCH", servers, null));
    assertShape(
        413,
        "API too large",
        raw(tls("console"), fixture.port(), "POST " + servers, HUGE + json(), null));
  }

  @Test
  void theKeyManagerAnswersBadRequestsInTheOneShape() throws IOException {
    SSLContext dispatcher = tls("dispatcher");
    int km = fixture.km().port();
    assertShape(400, "KM malformed", raw(dispatcher, km, "POST /keys", json(), MALFORMED));
    assertShape(404, "KM unknown path", raw(dispatcher, km, "GET /nothing-here", "", null));
    assertShape(405, "KM wrong method", raw(dispatcher, km, "PATCH /keys/5", json(), "{}"));
    assertShape(413, "KM too large", raw(dispatcher, km, "POST /keys", HUGE + json(), null));
    // Before any application code: Tomcat's own refusal, through the same body.
    assertShape(400, "KM encoded slash", raw(dispatcher, km, "GET /keys/1%2F2", "", null));
  }

  @Test
  void theDispatcherAnswersBadRequestsInTheOneShape() throws IOException {
    SSLContext console = tls("console");
    int port = fixture.platform().dispatcherPort();
    String actor =
        json()
            + "X-Stratus-Customer: "
            + acme.id()
            + "\r\nX-Stratus-User: "
            + acme.userId()
            + "\r\n";
    assertShape(400, "Dispatcher malformed", raw(console, port, "POST /servers", actor, MALFORMED));
    assertShape(
        404, "Dispatcher unknown path", raw(console, port, "GET /nothing-here", actor, null));
    assertShape(405, "Dispatcher wrong method", raw(console, port, "PATCH /servers", actor, "{}"));
    assertShape(
        413, "Dispatcher too large", raw(console, port, "POST /servers", HUGE + actor, null));
  }

  @Test
  void theLocalCloudAnswersBadRequestsInTheOneShape() throws IOException {
    int port = fixture.platform().cloud().port();
    assertCode(
        assertShape(
            400, "cloud malformed", signedCloud(port, "POST", "/regions/local-1/vms", MALFORMED)));
    assertCode(assertShape(404, "cloud unknown path", signedCloud(port, "GET", "/nothing", null)));
    assertCode(
        assertShape(405, "cloud wrong method", signedCloud(port, "DELETE", "/regions", null)));
    assertCode(
        assertShape(413, "cloud too large", raw(null, port, "POST /regions", HUGE + json(), null)));
  }

  /** The answer: its status, then exactly {"error":{"message":"..."}} (and a code, if any). */
  private static JsonNode assertShape(int status, String what, Answer answer) throws IOException {
    assertEquals(status, answer.status(), what + ": " + answer);
    assertTrue(answer.header("content-type").startsWith("application/json"), what + ": " + answer);
    JsonNode body = JSON.readTree(answer.body());
    assertEquals(1, body.size(), what + ": " + answer);
    JsonNode error = body.path("error");
    assertTrue(error.isObject(), what + ": " + answer);
    assertTrue(error.path("message").isTextual(), what + ": " + answer);
    assertFalse(error.path("message").asText().isBlank(), what + ": " + answer);
    error
        .fieldNames()
        .forEachRemaining(
            name ->
                assertTrue(name.equals("message") || name.equals("code"), what + ": " + answer));
    assertFalse(answer.body().contains("Exception"), what + ": " + answer);
    return error;
  }

  private static void assertCode(JsonNode error) {
    assertTrue(error.path("code").isTextual(), error.toString());
  }

  private static Answer signedApi(String method, String path, String body) throws IOException {
    StringBuilder headers = new StringBuilder(json());
    api.signature(method, path)
        .forEach((k, v) -> headers.append(k).append(": ").append(v).append("\r\n"));
    return raw(tls("console"), fixture.port(), method + " " + path, headers.toString(), body);
  }

  private static Answer signedCloud(int port, String method, String path, String body)
      throws IOException {
    Map<String, String> credentials = fixture.platform().cloud().credentials();
    String accessKey = credentials.get(LocalCloudProviderFactory.ACCESS_KEY);
    String secretKey = credentials.get(LocalCloudProviderFactory.SECRET_KEY);
    byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    String timestamp = Long.toString(System.currentTimeMillis());
    String nonce = RequestSigner.nonce();
    String signature =
        RequestSigner.sign(
            secretKey.getBytes(StandardCharsets.UTF_8),
            RequestSigner.stringToSign(method, path, timestamp, nonce, bytes));
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(RequestSigner.ACCESS_KEY_HEADER, accessKey);
    headers.put(RequestSigner.TIMESTAMP_HEADER, timestamp);
    headers.put(RequestSigner.NONCE_HEADER, nonce);
    headers.put(RequestSigner.SIGNATURE_HEADER, signature);
    StringBuilder head = new StringBuilder(json());
    headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
    return raw(null, port, method + " " + path, head.toString(), body);
  }

  private static String json() {
    return "Content-Type: application/json\r\nAccept: application/json\r\n";
  }

  private static SSLContext tls(String component) {
    return fixture.km().tls(component).sslContext();
  }

  /** A status, the headers (names in lower case) and the body, as the service wrote them. */
  record Answer(int status, Map<String, String> headers, String body) {
    String header(String name) {
      return headers.getOrDefault(name, "");
    }
  }

  /**
   * Writes {@code requestLine} (method and path), {@code headers} and {@code body} (if any, with
   * its length) on a fresh connection, TLS when {@code tls} is given, and reads the whole answer.
   */
  private static Answer raw(
      SSLContext tls, int port, String requestLine, String headers, String body)
      throws IOException {
    byte[] bytes = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
    try (Socket socket =
        tls == null
            ? new Socket("127.0.0.1", port)
            : tls.getSocketFactory().createSocket("127.0.0.1", port)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          (requestLine
                  + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                  + headers
                  + (bytes == null ? "" : "Content-Length: " + bytes.length + "\r\n")
                  + "\r\n")
              .getBytes(StandardCharsets.UTF_8));
      if (bytes != null) {
        out.write(bytes);
      }
      out.flush();
      return parse(readAll(socket.getInputStream()));
    }
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        all.write(buffer, 0, n);
      }
    } catch (IOException e) {
      // a reset after the answer (the server closed with the body unread): keep what arrived
      if (all.size() == 0) {
        throw e;
      }
    }
    return all.toByteArray();
  }

  private static Answer parse(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    int end = text.indexOf("\r\n\r\n");
    String[] lines = text.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(
          lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
          lines[i].substring(colon + 1).trim());
    }
    String body = text.substring(end + 4);
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = unchunk(body);
    }
    return new Answer(status, headers, body);
  }

  private static String unchunk(String chunked) {
    StringBuilder body = new StringBuilder();
    int at = 0;
    while (true) {
      int line = chunked.indexOf("\r\n", at);
      int size = Integer.parseInt(chunked.substring(at, line).split(";")[0].trim(), 16);
      if (size == 0) {
        return body.toString();
      }
      body.append(chunked, line + 2, line + 2 + size);
      at = line + 2 + size + 2;
    }
  }
}
