package io.stratus.agent;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.stratus.common.pki.ComponentIdentity;
import io.stratus.common.pki.PkiException;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * Stands in for the Dispatcher's agent endpoints (3302), to the same contract: {@code POST
 * /agents/handshake} (no client certificate; a one-time token bound to a server id) and {@code POST
 * /agents/renew} (mutual TLS with the agent's certificate), signing with the real CA. It also
 * serves the VM's user data on plain HTTP, as a cloud's metadata service does, only with the VM's
 * {@code X-VM-Token}.
 */
public final class FakeDispatcher implements AutoCloseable {
  /** One call the agent made. */
  public record Call(String path, Map<String, Object> body, String clientComponent) {}

  private final TestPki pki;
  private final HttpsServer https;
  private final HttpServer metadata;
  private final Map<String, Long> tokens = new ConcurrentHashMap<>();
  private final Set<String> used = ConcurrentHashMap.newKeySet();
  private final Map<String, String> userData = new ConcurrentHashMap<>();
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final Map<java.math.BigInteger, Long> issuedTo = new ConcurrentHashMap<>();
  private final AtomicInteger failures = new AtomicInteger();
  private volatile Duration handshakeLifetime = Duration.ofDays(90);
  private volatile Duration renewLifetime = Duration.ofDays(90);

  /** A Dispatcher presenting {@code component}'s certificate (normally "dispatcher"). */
  public FakeDispatcher(TestPki pki, String component) throws IOException {
    this.pki = pki;
    https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    https.setHttpsConfigurator(
        new HttpsConfigurator(pki.context(component)) {
          @Override
          public void configure(HttpsParameters params) {
            SSLParameters parameters = getSSLContext().getDefaultSSLParameters();
            parameters.setWantClientAuth(true);
            params.setSSLParameters(parameters);
          }
        });
    https.createContext("/agents/", this::agents);
    https.start();
    metadata = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    metadata.createContext("/metadata/", this::metadata);
    metadata.start();
  }

  public FakeDispatcher(TestPki pki) throws IOException {
    this(pki, "dispatcher");
  }

  public String url() {
    return "https://127.0.0.1:" + https.getAddress().getPort();
  }

  /** A fresh one-time token for {@code serverId}. */
  public String token(long serverId) {
    String token =
        java.util.Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                java.util.UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
    tokens.put(token, serverId);
    return token;
  }

  /** The user data the Dispatcher writes at launch for {@code serverId} with {@code token}. */
  public String userData(long serverId, String token) {
    return "# written by the Dispatcher\n"
        + "stratus.agent.dispatcher="
        + url()
        + "\nstratus.agent.server-id="
        + serverId
        + "\nstratus.agent.token="
        + token
        + "\nstratus.agent.ca="
        + pki.caBase64()
        + "\nsomething.else=ignored\n";
  }

  /** Serves {@code text} as the user data of VM {@code vmId} to callers with {@code vmToken}. */
  public String serveUserData(String vmId, String vmToken, String text) {
    userData.put(vmId + "/" + vmToken, text);
    return "http://127.0.0.1:"
        + metadata.getAddress().getPort()
        + "/metadata/"
        + vmId
        + "/user-data";
  }

  /** The next {@code n} agent calls are answered 503. */
  public void failNext(int n) {
    failures.set(n);
  }

  public void handshakeLifetime(Duration lifetime) {
    this.handshakeLifetime = lifetime;
  }

  public void renewLifetime(Duration lifetime) {
    this.renewLifetime = lifetime;
  }

  public List<Call> calls() {
    return List.copyOf(calls);
  }

  public long calls(String path) {
    return calls.stream().filter(c -> c.path().equals(path)).count();
  }

  private void metadata(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String vmId = path.substring("/metadata/".length(), path.lastIndexOf('/'));
      String token = exchange.getRequestHeaders().getFirst("X-VM-Token");
      String text = userData.get(vmId + "/" + token);
      if (text == null) {
        send(exchange, 403, "{\"error\":{\"message\":\"not your VM\"}}");
      } else {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
      }
    }
  }

  private void agents(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String client = clientComponent(exchange);
      Map<String, Object> json = Json.parseObject(body);
      calls.add(new Call(path, json, client));
      if (!"POST".equals(exchange.getRequestMethod())
          || !String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"))
              .startsWith("application/json")) {
        send(exchange, 400, error("POST application/json only"));
        return;
      }
      if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        send(exchange, 503, error("the Dispatcher is starting"));
        return;
      }
      long serverId;
      Duration lifetime;
      if (path.equals("/agents/handshake")) {
        String token = (String) json.get("token");
        Long bound = token == null ? null : tokens.get(token);
        if (bound == null || !bound.equals(json.get("serverId"))) {
          send(exchange, 401, error("the bootstrap token is not valid for this server"));
          return;
        }
        if (!used.add(token)) {
          send(exchange, 409, error("the bootstrap token was already used"));
          return;
        }
        serverId = bound;
        lifetime = handshakeLifetime;
      } else if (path.equals("/agents/renew")) {
        if (!"agent".equals(client)) {
          send(exchange, 403, error("renewal needs the agent's certificate"));
          return;
        }
        X509Certificate presented =
            (X509Certificate) ((HttpsExchange) exchange).getSSLSession().getPeerCertificates()[0];
        Long known = issuedTo.get(presented.getSerialNumber());
        if (known == null) {
          send(exchange, 403, error("not a certificate this Dispatcher issued"));
          return;
        }
        serverId = known;
        lifetime = renewLifetime;
      } else {
        send(exchange, 404, error("no such endpoint"));
        return;
      }
      PKCS10CertificationRequest csr;
      try (PEMParser parser = new PEMParser(new StringReader((String) json.get("csr")))) {
        csr = (PKCS10CertificationRequest) parser.readObject();
      }
      X509Certificate certificate;
      try {
        certificate = pki.ca().signRequest(csr, "agent", (String) json.get("address"), lifetime);
      } catch (PkiException e) {
        send(exchange, 400, error(e.getMessage()));
        return;
      }
      issuedTo.put(certificate.getSerialNumber(), serverId);
      send(
          exchange,
          200,
          Json.write(
              Map.of(
                  "serverId",
                  serverId,
                  "certificate",
                  TestPki.pem(certificate),
                  "caCertificate",
                  TestPki.pem(pki.caCertificate()))));
    } catch (RuntimeException e) {
      e.printStackTrace();
      send(exchange, 500, error(e.toString()));
    }
  }

  private static String clientComponent(HttpExchange exchange) {
    try {
      var chain = ((HttpsExchange) exchange).getSSLSession().getPeerCertificates();
      return ComponentIdentity.of((X509Certificate) chain[0])
          .map(ComponentIdentity::component)
          .orElse(null);
    } catch (SSLPeerUnverifiedException e) {
      return null;
    }
  }

  private static String error(String message) {
    return Json.write(Map.of("error", Map.of("message", message)));
  }

  private static void send(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    https.stop(0);
    metadata.stop(0);
  }
}
