package io.stratus.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratus.api.support.ApiClient;
import io.stratus.api.support.ApiClient.Answer;
import io.stratus.api.support.ApiFixture;
import io.stratus.api.support.ApiFixture.Customer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What an attacker's probe of the API found (issue 15, items 9 and 13), over real HTTPS: answers
 * that carry a secret are never cached and every answer carries security headers; expired keys list
 * as EXPIRED and sign nothing; bad e-mail addresses are refused; a path with an encoded slash gets
 * the component's JSON error; TLS 1.2 offers no CBC suite.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiHardeningIT {
  private static final String B = Api.BASE;
  private static final ObjectMapper JSON = new ObjectMapper();

  private ApiFixture fixture;
  private Customer acme;
  private ApiClient admin;

  @BeforeAll
  void start() throws Exception {
    fixture = ApiFixture.readOnly("hardening", 50);
    acme = fixture.newCustomer("hardening");
    admin = fixture.client(acme);
  }

  @AfterAll
  void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void answersCarryingASecretAreNeverStoredAndEveryAnswerCarriesSecurityHeaders() {
    Answer key = admin.post(B + "/admin/ApiKey", Map.of("generateApiKey", List.of(Map.of())));
    assertEquals(201, key.status(), key.raw());
    assertNotNull(key.body().path("apiKeys").path(0).path("secretKey").textValue());
    assertNotStored(key);

    Answer user =
        admin.post(
            B + "/admin/User",
            Map.of("addUser", List.of(Map.of("email", "first@hardening.example"))));
    assertEquals(201, user.status(), user.raw());
    assertNotNull(user.body().path("users").path(0).path("password").textValue());
    assertNotStored(user);
    long userId = user.body().path("users").path(0).path("userId").asLong();

    Answer reset =
        admin.put(B + "/admin/User/" + userId, Map.of("resetPassword", List.of(Map.of())));
    assertEquals(200, reset.status(), reset.raw());
    assertNotStored(reset);

    Answer listing = admin.get(B + "/admin/ApiKey");
    assertEquals(200, listing.status(), listing.raw());
    assertSecurityHeaders(listing);
    Answer unsigned = admin.raw("GET", B + "/admin/ApiKey", null, Map.of());
    assertEquals(401, unsigned.status(), unsigned.raw());
    assertSecurityHeaders(unsigned);
    Answer missing = admin.get(B + "/admin/NoSuchThing");
    assertEquals(404, missing.status(), missing.raw());
    assertSecurityHeaders(missing);
    Answer versions = admin.raw("GET", Api.ROOT, null, Map.of("Accept", "application/json"));
    assertEquals(200, versions.status(), versions.raw());
    assertSecurityHeaders(versions);
  }

  @Test
  void expiredKeysListAsExpiredAndSignNothing() {
    Answer made =
        admin.post(
            B + "/admin/ApiKey",
            Map.of(
                "generateApiKey",
                List.of(Map.of("name", "short-lived", "expiration", "2099-01-01T00:00:00Z"))));
    assertEquals(201, made.status(), made.raw());
    JsonNode created = made.body().path("apiKeys").path(0);
    String accessKey = created.path("accessKey").asText();
    ApiClient shortLived = admin.as(accessKey, created.path("secretKey").asText());
    assertEquals(200, shortLived.get(B + "/admin/ApiKey/" + accessKey).status());

    fixture
        .jdbc()
        .sql(
            "UPDATE api_key SET expires_at = CURRENT_TIMESTAMP(3) - INTERVAL 1 HOUR"
                + " WHERE access_key = ?")
        .param(accessKey)
        .update();

    Answer one = admin.get(B + "/admin/ApiKey/" + accessKey);
    assertEquals("EXPIRED", one.body().path("apiKeys").path(0).path("state").asText(), one.raw());
    Answer all = admin.get(B + "/admin/ApiKey");
    for (JsonNode key : all.body().path("apiKeys")) {
      String expected = key.path("accessKey").asText().equals(accessKey) ? "EXPIRED" : "ACTIVE";
      assertEquals(expected, key.path("state").asText(), key.toString());
    }
    Answer refused = shortLived.get(B + "/admin/ApiKey");
    assertEquals(401, refused.status(), refused.raw());
    assertTrue(refused.error().contains("expired"), refused.raw());
  }

  @Test
  void anEmailAddressWithAControlCharacterIsRefused() {
    for (String email : List.of("\0@example.test", "ann\u0007@example.test", "ann@localhost")) {
      Answer refused =
          admin.post(B + "/admin/User", Map.of("addUser", List.of(Map.of("email", email))));
      assertEquals(400, refused.status(), refused.raw());
      assertEquals("the e-mail address is not valid", refused.error());
    }
    assertEquals(
        0,
        fixture
            .jdbc()
            .sql("SELECT COUNT(*) FROM user_account WHERE email LIKE '%localhost'")
            .query(Integer.class)
            .single());
  }

  @Test
  void anEncodedSlashGetsTheComponentsJsonError() throws Exception {
    Answer api = admin.get(B + "/admin/ApiKey/a%2Fb");
    assertEquals(400, api.status(), api.raw());
    assertTrue(api.header("Content-Type").startsWith("application/json"), api.raw());
    assertFalse(api.body().path("error").path("message").asText().isEmpty(), api.raw());
    assertFalse(api.raw().contains("Tomcat"), api.raw());
    assertSecurityHeaders(api);

    // The Key Manager, another HttpsServer component: the same shape, every service's ErrorBody.
    String km =
        rawGet(
            fixture.km().tls("dispatcher").sslContext(), fixture.km().port(), "/keys/1%2F2", null);
    assertTrue(km.startsWith("HTTP/1.1 400"), km);
    String body = km.substring(km.indexOf("\r\n\r\n") + 4);
    assertTrue(JSON.readTree(body).path("error").path("message").isTextual(), km);
  }

  @Test
  void tls12OffersOnlyAeadSuites() throws Exception {
    SSLContext tls = fixture.km().tls("dispatcher").sslContext();
    for (int port : new int[] {fixture.port(), fixture.km().port()}) {
      for (String cbc :
          List.of(
              "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256",
              "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384",
              "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA",
              "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA")) {
        assertThrows(
            SSLHandshakeException.class, () -> handshake(tls, port, "TLSv1.2", cbc), port + cbc);
      }
      assertEquals(
          "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
          handshake(tls, port, "TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"));
      assertEquals("TLSv1.3", handshakeProtocol(tls, port));
    }
  }

  private static String handshake(SSLContext tls, int port, String protocol, String suite)
      throws IOException {
    try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", port)) {
      socket.setSoTimeout(30_000);
      socket.setEnabledProtocols(new String[] {protocol});
      socket.setEnabledCipherSuites(new String[] {suite});
      socket.startHandshake();
      return socket.getSession().getCipherSuite();
    }
  }

  private static String handshakeProtocol(SSLContext tls, int port) throws IOException {
    try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", port)) {
      socket.setSoTimeout(30_000);
      socket.startHandshake();
      return socket.getSession().getProtocol();
    }
  }

  /** One raw HTTP/1.1 GET over TLS, the path sent exactly as given; returns the whole answer. */
  private static String rawGet(SSLContext tls, int port, String path, String extra)
      throws IOException {
    try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", port)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET "
                  + path
                  + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n"
                  + (extra == null ? "" : extra)
                  + "Connection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static void assertNotStored(Answer answer) {
    assertEquals("no-store", answer.header("Cache-Control"), answer.headers().toString());
    assertEquals("no-cache", answer.header("Pragma"), answer.headers().toString());
    assertSecurityHeaders(answer);
  }

  private static void assertSecurityHeaders(Answer answer) {
    String headers = answer.headers().toString();
    assertEquals("no-store", answer.header("Cache-Control"), headers);
    assertEquals("nosniff", answer.header("X-Content-Type-Options"), headers);
    assertEquals(
        "default-src 'none'; frame-ancestors 'none'",
        answer.header("Content-Security-Policy"),
        headers);
    assertEquals("no-referrer", answer.header("Referrer-Policy"), headers);
    assertNotNull(answer.header("Strict-Transport-Security"), headers);
  }
}
