package io.stratus.km;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratus.common.km.KeyNotFoundException;
import io.stratus.common.km.KeyParts;
import io.stratus.common.km.KmClient;
import io.stratus.common.km.KmException;
import io.stratus.common.pki.KeyStores;
import io.stratus.km.support.KmFixture;
import io.stratus.km.support.RawHttp;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The Key Manager over real mutual TLS, in an embedded Tomcat, on a real MySQL schema. */
class KmServiceIT {
  private static KmFixture km;
  private static KmClient dispatcher;
  private static RawHttp raw;

  @BeforeAll
  static void start() {
    km = KmFixture.start("kmservice", null);
    dispatcher = km.client("dispatcher");
    raw = new RawHttp(km.tls("dispatcher").sslContext(), km.url());
  }

  @AfterAll
  static void stop() {
    km.close();
  }

  @Test
  void shouldRoundTripAKeyOverMutualTls() {
    KeyParts parts = new KeyParts("stratus-aead-1", "cHVibGlj", "cHJpdmF0ZQ==");
    long id = dispatcher.create(parts);
    assertTrue(id > 0);
    assertEquals(parts, dispatcher.fetch(id));
    assertEquals(parts, km.client("worker").fetch(id), "a worker reads what the Dispatcher stored");

    KeyParts rotated = new KeyParts("stratus-aead-2", "", "bmV3");
    dispatcher.replace(id, rotated);
    assertEquals(rotated, dispatcher.fetch(id));

    dispatcher.delete(id);
    assertThrows(KeyNotFoundException.class, () -> dispatcher.fetch(id));
  }

  @Test
  void shouldHandOutRandomNonSequentialIds() {
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      ids.add(dispatcher.create(new KeyParts("v", "p", "q")));
    }
    assertEquals(20, new HashSet<>(ids).size());
    Set<Long> steps = new HashSet<>();
    for (int i = 1; i < ids.size(); i++) {
      steps.add(ids.get(i) - ids.get(i - 1));
    }
    assertTrue(steps.size() > 15, "ids step regularly: " + ids);
    assertTrue(ids.stream().anyMatch(id -> id > (1L << 48)), "ids are small: " + ids);
  }

  @Test
  void shouldAuditEveryAccessWithCallerAndOutcomeButNeverTheParts() {
    String marker = "UGFydE1hcmtlcg" + System.nanoTime();
    long id = dispatcher.create(new KeyParts("v", marker, marker));
    km.client("worker").fetch(id);
    assertThrows(KmException.class, () -> km.client("console").fetch(id));

    JdbcClient jdbc = JdbcClient.create(km.kmDataSource());
    List<String> lines =
        jdbc.sql(
                """
                SELECT CONCAT_WS(' ', component, host, action, outcome)
                  FROM access_log WHERE key_id = :id ORDER BY id
                """)
            .param("id", id)
            .query(String.class)
            .list();
    assertEquals(
        List.of(
            "dispatcher 127.0.0.1 CREATE OK",
            "worker 127.0.0.1 FETCH OK",
            "console 127.0.0.1 FETCH FORBIDDEN"),
        lines);
    long leaks =
        jdbc.sql(
                """
                SELECT COUNT(*) FROM access_log
                 WHERE CONCAT_WS(' ', key_id, component, host, remote_address, action, outcome)
                       LIKE :marker
                """)
            .param("marker", "%" + marker + "%")
            .query(Long.class)
            .single();
    assertEquals(0, leaks);
  }

  @Test
  void shouldAnswer403ToEveryOtherComponent() {
    long id = dispatcher.create(new KeyParts("v", "p", "q"));
    for (String component : List.of("console", "api", "pinger", "agent")) {
      KmClient other = km.client(component);
      KmException e = assertThrows(KmException.class, () -> other.fetch(id), component);
      assertEquals(403, e.status(), component);
      assertTrue(e.getMessage().contains("component '" + component + "'"), e.getMessage());
      KmException create =
          assertThrows(KmException.class, () -> other.create(new KeyParts("v", "p", "q")));
      assertEquals(403, create.status());
    }
  }

  @Test
  void shouldRefuseAClientWithoutACertificateAtTheHandshake() throws Exception {
    RawHttp anonymous = new RawHttp(context(null), km.url());
    assertThrows(IOException.class, () -> anonymous.send("GET", "/keys/1", null, null));
  }

  @Test
  void shouldRefuseACertificateFromAnotherCa() throws Exception {
    RawHttp stranger = new RawHttp(context(km.strangerKeyStore()), km.url());
    assertThrows(IOException.class, () -> stranger.send("GET", "/keys/1", null, null));
  }

  @Test
  void shouldAnswer404ForAnUnknownId() throws Exception {
    long unknown = 4242424242L;
    assertEquals(404, raw.send("GET", "/keys/" + unknown, null, null).statusCode());
    assertEquals(404, raw.send("DELETE", "/keys/" + unknown, null, null).statusCode());
    HttpResponse<String> put = raw.send("PUT", "/keys/" + unknown, "application/json", body("p"));
    assertEquals(404, put.statusCode());
    assertTrue(
        put.body().contains("{\"error\":{\"message\":\"no key " + unknown + "\"}}"), put.body());
    assertEquals(404, raw.send("GET", "/nothing-here", null, null).statusCode());
  }

  @Test
  void shouldAnswer400ForMalformedBodiesAndIds() throws Exception {
    Map<String, String> cases =
        Map.of(
            "{\"version\":\"v\",\"publicPart\":\"p\"", "not a JSON object",
            "[1,2]", "not a JSON object",
            "{\"version\":\"v\",\"publicPart\":\"p\",\"privatePart\":\"q\",\"customerId\":7}",
                "unknown field 'customerId'",
            "{\"version\":\"v\",\"publicPart\":\"p\"}", "privatePart is required",
            "{\"version\":\"\",\"publicPart\":\"p\",\"privatePart\":\"q\"}", "version is required",
            "{\"version\":\"v\",\"publicPart\":{\"a\":1},\"privatePart\":\"q\"}",
                "field 'publicPart' must be a string",
            "", "missing");
    for (Map.Entry<String, String> c : cases.entrySet()) {
      HttpResponse<String> response = raw.post("/keys", c.getKey());
      assertEquals(400, response.statusCode(), c.getKey() + " -> " + response.body());
      assertTrue(response.body().contains(c.getValue()), c.getKey() + " -> " + response.body());
    }
    HttpResponse<String> letters = raw.send("GET", "/keys/abc", null, null);
    assertEquals(400, letters.statusCode());
    assertTrue(letters.body().contains("a key id is a positive number"), letters.body());
    assertEquals(400, raw.send("GET", "/keys/0", null, null).statusCode());
    assertEquals(400, raw.send("GET", "/keys/-5", null, null).statusCode());
    assertEquals(415, raw.send("POST", "/keys", "text/plain", body("p")).statusCode());
    assertEquals(405, raw.send("PATCH", "/keys/5", "application/json", body("p")).statusCode());
  }

  @Test
  void shouldAnswer413ForOversizedPartsAndBodies() throws Exception {
    String tooBig = "A".repeat(16385);
    HttpResponse<String> part = raw.post("/keys", body(tooBig));
    assertEquals(413, part.statusCode(), part.body());
    assertTrue(part.body().contains("publicPart is larger than 16384 bytes"), part.body());

    String huge = "A".repeat(300_000);
    HttpResponse<String> declared = raw.post("/keys", body(huge));
    assertEquals(413, declared.statusCode(), declared.body());
    HttpResponse<String> chunked =
        raw.sendChunked(
            "POST", "/keys", body(huge).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertEquals(413, chunked.statusCode(), chunked.body());

    long at = dispatcher.create(new KeyParts("v", "A".repeat(16384), "B"));
    assertEquals(16384, dispatcher.fetch(at).publicPart().length(), "a part at the limit fits");
  }

  @Test
  void shouldNeverEchoPartsInErrors() throws Exception {
    String secretish = "c2VjcmV0LXBhcnQtdGV4dA";
    HttpResponse<String> response =
        raw.post(
            "/keys",
            "{\"version\":\"v\",\"publicPart\":\"" + secretish + "\",\"privatePart\":12,\"x\":1}");
    assertEquals(400, response.statusCode());
    assertFalse(response.body().contains(secretish), response.body());
    assertNotEquals("", response.body());
  }

  private static String body(String publicPart) {
    return "{\"version\":\"v\",\"publicPart\":\"" + publicPart + "\",\"privatePart\":\"q\"}";
  }

  private SSLContext context(java.nio.file.Path keyStore) throws Exception {
    KeyManagerFactory keys = null;
    if (keyStore != null) {
      keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(KeyStores.load(keyStore), KeyStores.password(keyStore));
    }
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(KeyStores.load(km.pki().resolve("truststore.p12")));
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
    return context;
  }
}
