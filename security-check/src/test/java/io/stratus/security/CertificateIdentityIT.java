package io.stratus.security;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratus.common.pki.TlsMaterial;
import io.stratus.dispatcher.support.DispatcherClient;
import io.stratus.dispatcher.support.Platform;
import io.stratus.km.support.KmFixture;
import io.stratus.testkit.LoopbackHttps;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every caller identity against every internal endpoint, once: each component's certificate from
 * the installation CA, a certificate from another CA, and no certificate, against the Key Manager,
 * the Dispatcher's actions, an agent's certificate renewal and an agent's first handshake, a guest
 * agent's own API (a real one, enrolled in a VM of the local cloud), and the Dispatcher's paths
 * dressed up to look like the agents' open ones. Only the components the architecture names get
 * past the access check; the rest are refused at the TLS handshake or with 403, never let through
 * by a path trick.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CertificateIdentityIT {
  /** Every identity a caller can present. */
  private static final List<String> CALLERS =
      Stream.concat(KmFixture.COMPONENTS.stream(), Stream.of("another CA", "no certificate"))
          .toList();

  /** What a caller gets from an endpoint. */
  enum Outcome {
    /** Past the access check: any answer but a 403 refusal (and never a 5xx). */
    ADMITTED,
    /** 403 from the access check, or no TLS session at all. */
    REFUSED,
    /** A 4xx from the endpoint itself: it is open to anyone, and a bad request stays refused. */
    ANSWERED_4XX
  }

  /** An endpoint and the callers it admits (others are refused). */
  private record Endpoint(
      String name, String service, String method, String path, String body, Set<String> admits) {}

  private static final List<Endpoint> ENDPOINTS =
      List.of(
          new Endpoint(
              "KM key read", "km", "GET", "/keys/4242", null, Set.of("dispatcher", "worker")),
          new Endpoint(
              "KM key create",
              "km",
              "POST",
              "/keys",
              "{\"v\":\"x\"}",
              Set.of("dispatcher", "worker")),
          new Endpoint(
              "Dispatcher job read",
              "dispatcher",
              "GET",
              "/jobs/4242",
              null,
              Set.of("console", "api", "worker")),
          new Endpoint(
              "Dispatcher action",
              "dispatcher",
              "POST",
              "/servers/4242/stop",
              "{}",
              Set.of("console", "api", "worker")),
          new Endpoint(
              "Dispatcher agent renewal",
              "dispatcher",
              "POST",
              "/agents/renew",
              "{}",
              Set.of("agent")),
          new Endpoint(
              "Dispatcher job read behind the renewal path",
              "dispatcher",
              "GET",
              "/agents/renew/../../jobs/4242",
              null,
              Set.of("console", "api", "worker")),
          new Endpoint(
              "Dispatcher job read behind the handshake path",
              "dispatcher",
              "GET",
              "/agents/handshake/..;/../jobs/4242",
              null,
              Set.of("console", "api", "worker")),
          new Endpoint(
              "agent status",
              "agent",
              "GET",
              "/status",
              null,
              Set.of("dispatcher", "worker", "pinger")),
          new Endpoint(
              "agent script",
              "agent",
              "POST",
              "/scripts/none",
              "{}",
              Set.of("dispatcher", "worker", "pinger")),
          new Endpoint(
              "Dispatcher handshake path with a parameter",
              "dispatcher",
              "POST",
              "/agents/handshake;x=1",
              "{}",
              Set.of("console", "api", "worker")));

  private Platform platform;
  private long customer;
  private long user;

  private URI agent;

  @BeforeAll
  void start() throws Exception {
    platform = Platform.start("certs", "regions=local-1\nregion.local-1.mode=process\n", Map.of());
    long[] acme = platform.newCustomer("certco");
    customer = acme[0];
    user = acme[1];
    agent = launchAnAgent();
  }

  /** An account on the local cloud and a server of {@code img-agent} whose agent has enrolled. */
  private URI launchAnAgent() throws Exception {
    DispatcherClient console = platform.client("console", customer, user);
    long cloudId = platform.defineLocalCloud();
    DispatcherClient.Answer account = platform.registerLocalAccount(console, cloudId);
    JsonNode registered = console.awaitJob(account.id("jobId"), Duration.ofSeconds(90));
    assertTrue("COMPLETE".equals(registered.path("status").asText()), registered.toString());
    JdbcClient jdbc = platform.jdbc();
    long region =
        jdbc.sql("SELECT id FROM region WHERE cloud_account_id = ? AND provider_region_id = ?")
            .params(account.id("resourceId"), "local-1")
            .query(Long.class)
            .single();
    long image =
        jdbc.sql("SELECT id FROM machine_image WHERE region_id = ? AND provider_image_id = ?")
            .params(region, "img-agent")
            .query(Long.class)
            .single();
    long product =
        jdbc.sql("SELECT MIN(id) FROM server_product WHERE region_id = ?")
            .param(region)
            .query(Long.class)
            .single();
    DispatcherClient.Answer launched =
        console.post(
            "/servers",
            Map.of("regionId", region, "imageId", image, "productId", product, "name", "agent"));
    JsonNode job = console.awaitJob(launched.id("jobId"), Duration.ofSeconds(90));
    assertTrue("COMPLETE".equals(job.path("status").asText()), job.toString());
    long server = launched.id("resourceId");
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline) {
      List<Map<String, Object>> rows =
          jdbc.sql("SELECT state, address, port FROM guest_agent WHERE server_id = ?")
              .param(server)
              .query()
              .listOfRows();
      if (!rows.isEmpty() && "reachable".equals(rows.get(0).get("state"))) {
        return URI.create("https://" + rows.get(0).get("address") + ":" + rows.get(0).get("port"));
      }
      Thread.sleep(250);
    }
    throw new AssertionError("the agent of server " + server + " did not enrol");
  }

  @AfterAll
  void stop() {
    if (platform != null) {
      platform.close();
    }
  }

  Stream<Arguments> pairs() {
    List<Arguments> pairs = new ArrayList<>();
    for (Endpoint endpoint : ENDPOINTS) {
      for (String caller : CALLERS) {
        Outcome expected = endpoint.admits().contains(caller) ? Outcome.ADMITTED : Outcome.REFUSED;
        pairs.add(Arguments.of(endpoint.name(), caller, expected));
      }
    }
    // The agent's first handshake is open to every caller (the one-time token vouches for the
    // agent): a request without a valid token is answered 4xx by the endpoint, for everyone.
    for (String caller : CALLERS) {
      pairs.add(Arguments.of("Dispatcher agent handshake", caller, Outcome.ANSWERED_4XX));
    }
    return pairs.stream();
  }

  @ParameterizedTest(name = "{0} from {1}: {2}")
  @MethodSource("pairs")
  void eachCallerGetsWhatItsIdentityAllows(String endpointName, String caller, Outcome expected)
      throws Exception {
    Endpoint endpoint =
        endpointName.equals("Dispatcher agent handshake")
            ? new Endpoint(
                endpointName,
                "dispatcher",
                "POST",
                "/agents/handshake",
                "{\"serverId\":4242,\"token\":\"bm90LWEtdG9rZW4\",\"csr\":\"x\"}",
                Set.of())
            : ENDPOINTS.stream()
                .filter(e -> e.name().equals(endpointName))
                .findFirst()
                .orElseThrow();
    HttpResponse<String> answer;
    try {
      answer = send(caller, endpoint);
    } catch (IOException refusedAtHandshake) {
      if (expected == Outcome.ADMITTED) {
        fail(caller + " could not reach " + endpointName + ": " + refusedAtHandshake);
      }
      assertTrue(
          caller.equals("another CA") || caller.equals("no certificate"),
          "a certificate of this installation was refused at the TLS handshake: "
              + refusedAtHandshake);
      return;
    }
    int status = answer.statusCode();
    String what = caller + " -> " + endpointName + ": " + status + " " + answer.body();
    assertTrue(status < 500, what);
    switch (expected) {
      case ADMITTED ->
          assertTrue(status != 403 || !refusedByAccessCheck(answer.body()), "refused: " + what);
      case REFUSED -> {
        if (status == 400 && (endpoint.path().contains("..") || endpoint.path().contains(";"))) {
          return; // the container refused the odd path before any servlet saw it
        }
        assertTrue(status == 403, "not refused: " + what);
        assertTrue(
            refusedByAccessCheck(answer.body()), "refused, but not for its identity: " + what);
      }
      case ANSWERED_4XX -> assertTrue(status >= 400 && status != 403, what);
    }
  }

  private static boolean refusedByAccessCheck(String body) {
    return body.contains("may not call") || body.contains("certificate is required");
  }

  private HttpResponse<String> send(String caller, Endpoint endpoint)
      throws IOException, InterruptedException {
    URI base =
        switch (endpoint.service()) {
          case "km" -> platform.km().url();
          case "agent" -> agent;
          default -> URI.create("https://127.0.0.1:" + platform.dispatcherPort());
        };
    HttpClient http = LoopbackHttps.client(context(caller));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + endpoint.path()))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/json")
            .header("X-Stratus-Customer", Long.toString(customer))
            .header("X-Stratus-User", Long.toString(user))
            .method(
                endpoint.method(),
                endpoint.body() == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(endpoint.body()));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private final Map<String, SSLContext> contexts = new HashMap<>();

  /** The TLS context of a caller: its certificate (if any) and the installation CA as trust. */
  private synchronized SSLContext context(String caller) throws IOException {
    return contexts.computeIfAbsent(
        caller,
        c -> {
          KmFixture km = platform.km();
          if (c.equals("another CA")) {
            return TlsMaterial.load(km.strangerKeyStore(), km.pki().resolve("truststore.p12"))
                .sslContext();
          }
          if (c.equals("no certificate")) {
            try {
              TrustManagerFactory trust =
                  TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
              trust.init(km.tls("console").trustStore());
              SSLContext context = SSLContext.getInstance("TLS");
              context.init(null, trust.getTrustManagers(), null);
              return context;
            } catch (java.security.GeneralSecurityException e) {
              throw new IllegalStateException(e);
            }
          }
          return km.tls(c).sslContext();
        });
  }
}
