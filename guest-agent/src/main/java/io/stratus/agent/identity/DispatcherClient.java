package io.stratus.agent.identity;

import io.stratus.agent.Json;
import io.stratus.agent.tls.AgentKeyManager;
import io.stratus.agent.tls.CaTrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyManagementException;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * The agent's side of the contract with the Dispatcher (3302):
 *
 * <ul>
 *   <li>{@code POST /agents/handshake} {@code
 *       {"serverId","token","csr","version","address","port"}} over TLS trusting only the CA from
 *       the user data, without a client certificate;
 *   <li>{@code POST /agents/renew} {@code {"csr","version","address","port"}} over mutual TLS with
 *       the agent's current certificate.
 * </ul>
 *
 * Both answer 200 {@code {"serverId","certificate","caCertificate"}} (PEM), or an error status with
 * {@code {"error":{"message":"..."}}} (or, before it, {@code {"error":"..."}}). The server must
 * present a certificate from that CA naming the {@code dispatcher} component, and match the URL's
 * host.
 */
public final class DispatcherClient {
  private static final int MAX_RESPONSE = 256 * 1024;

  /** What the Dispatcher signed. */
  public record Signed(long serverId, X509Certificate certificate, X509Certificate ca) {}

  private final String version;

  public DispatcherClient(String version) {
    this.version = version;
  }

  /** Enrols with the one-time token from the user data. */
  public Signed handshake(UserData userData, String csrPem, String address, int port)
      throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("serverId", userData.serverId());
    body.put("token", userData.token());
    body.put("csr", csrPem);
    body.put("version", version);
    body.put("address", address);
    body.put("port", port);
    SSLContext context = context(null, userData.ca());
    return post(endpoint(userData.dispatcher(), "/agents/handshake"), context, body);
  }

  /** Renews over mutual TLS with {@code current}. */
  public Signed renew(Identity current, String csrPem, String address, int port)
      throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("csr", csrPem);
    body.put("version", version);
    body.put("address", address);
    body.put("port", port);
    SSLContext context =
        context(
            new AgentKeyManager(current.key(), current.certificate(), current.ca()), current.ca());
    return post(endpoint(current.dispatcher(), "/agents/renew"), context, body);
  }

  private static URI endpoint(URI dispatcher, String path) {
    String base = dispatcher.toString();
    return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
  }

  private static SSLContext context(AgentKeyManager keys, X509Certificate ca) throws IOException {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(
          keys == null ? null : new KeyManager[] {keys},
          new TrustManager[] {new CaTrustManager(ca, "dispatcher")},
          null);
      return context;
    } catch (NoSuchAlgorithmException | KeyManagementException e) {
      throw new IOException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  private static Signed post(URI url, SSLContext context, Map<String, Object> body)
      throws IOException {
    HttpsURLConnection connection = (HttpsURLConnection) url.toURL().openConnection();
    connection.setSSLSocketFactory(context.getSocketFactory());
    connection.setConnectTimeout(10_000);
    connection.setReadTimeout(30_000);
    connection.setUseCaches(false);
    connection.setDoOutput(true);
    connection.setRequestMethod("POST");
    connection.setRequestProperty("Content-Type", "application/json");
    connection.setRequestProperty("Accept", "application/json");
    byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
    connection.setFixedLengthStreamingMode(bytes.length);
    try {
      try (OutputStream out = connection.getOutputStream()) {
        out.write(bytes);
      }
      int status = connection.getResponseCode();
      String text;
      try (InputStream in =
          status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
        text = in == null ? "" : new String(in.readNBytes(MAX_RESPONSE), StandardCharsets.UTF_8);
      }
      if (status != 200) {
        throw new DispatcherException(status, errorMessage(text));
      }
      Map<String, Object> json;
      try {
        json = Json.parseObject(text);
      } catch (IllegalArgumentException e) {
        throw new IOException("the Dispatcher's answer is not JSON: " + e.getMessage());
      }
      try {
        Object serverId = json.get("serverId");
        return new Signed(
            serverId instanceof Long id ? id : -1,
            CertificateRequests.certificate((String) json.get("certificate")),
            CertificateRequests.certificate((String) json.get("caCertificate")));
      } catch (CertificateException | ClassCastException e) {
        throw new IOException(
            "the Dispatcher's answer holds no usable certificate: " + e.getMessage());
      }
    } finally {
      connection.disconnect();
    }
  }

  static String errorMessage(String text) {
    try {
      // Every service answers {"error":{"message":"..."}} (ErrorBody); a Dispatcher of the
      // previous release answered {"error":"..."}: either is read.
      Object error = Json.parseObject(text).get("error");
      if (error instanceof Map<?, ?> body && body.get("message") instanceof String message) {
        return message;
      }
      if (error instanceof String message) {
        return message;
      }
    } catch (IllegalArgumentException e) {
      // not JSON
    }
    String plain = text.strip();
    return plain.isEmpty() ? "(no message)" : plain.substring(0, Math.min(200, plain.length()));
  }

  /**
   * Checks that {@code signed} is for {@code key}, by {@code ca}, and returns it as an identity.
   */
  static Identity accept(
      Signed signed, java.security.KeyPair pair, X509Certificate ca, long serverId, URI dispatcher)
      throws IOException {
    if (!signed.ca().equals(ca)) {
      throw new IOException(
          "the Dispatcher answered with another CA than the one the agent trusts");
    }
    if (!signed.certificate().getPublicKey().equals(pair.getPublic())) {
      throw new IOException("the Dispatcher signed another key than the agent's");
    }
    try {
      signed.certificate().verify(ca.getPublicKey());
      signed.certificate().checkValidity();
    } catch (GeneralSecurityException e) {
      throw new IOException("the certificate from the Dispatcher is not usable: " + e.getMessage());
    }
    if (signed.serverId() >= 0 && signed.serverId() != serverId) {
      throw new IOException(
          "the Dispatcher signed for server " + signed.serverId() + ", not " + serverId);
    }
    return new Identity(pair.getPrivate(), signed.certificate(), ca, serverId, dispatcher);
  }
}
