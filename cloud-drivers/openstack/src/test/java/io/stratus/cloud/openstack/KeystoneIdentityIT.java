package io.stratus.cloud.openstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratus.cloud.openstack.http.OpenStackHttp;
import io.stratus.cloud.openstack.identity.KeystoneSession;
import io.stratus.cloud.openstack.identity.Token;
import io.stratus.cloud.spi.CloudErrorType;
import io.stratus.cloud.spi.CloudException;
import io.stratus.cloud.spi.CloudProvider;
import io.stratus.cloud.spi.ProviderContext;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Keystone v3 as the driver uses it, against the test cloud's real Keystone (and Nova). */
class KeystoneIdentityIT {
  private final OpenStackHttp http = new OpenStackHttp();

  @BeforeEach
  void cloudIsUp() {
    TestCloud.assumeUp();
  }

  /** A clock the test moves. */
  private static final class MovableClock extends Clock {
    private Instant now = Instant.now();

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  @Test
  void shouldKeepATokenUntilItNearsExpiryThenRenewIt() {
    MovableClock clock = new MovableClock();
    KeystoneSession session = TestCloud.session(TestCloud.identity(), clock, 300);
    Token first = session.token();
    assertTrue(first.expiresAt().isAfter(clock.instant().plusSeconds(300)), first.toString());
    assertSame(first, session.token(), "a fresh token is reused");

    clock.now = first.expiresAt().minusSeconds(299);
    Token renewed = session.token();
    assertNotEquals(first.value(), renewed.value(), "renewed inside the margin");
    OpenStackProvider provider = providerOn(session);
    assertFalse(provider.servers().orElseThrow().listProducts().isEmpty(), "the new token works");
  }

  @Test
  void shouldAuthenticateAgainOnceWhenATokenIsRefused() {
    KeystoneSession session = TestCloud.session(TestCloud.identity(), Clock.systemUTC(), 300);
    OpenStackProvider provider = providerOn(session);
    var servers = provider.servers().orElseThrow();
    Token first = session.token();
    revoke(first);

    assertFalse(servers.listProducts().isEmpty(), "the call made again with a new token");
    assertNotEquals(first.value(), session.token().value());
  }

  @Test
  void shouldRefuseAWrongPasswordWithoutRepeatingIt() {
    String password = "wrong-" + UUID.randomUUID();
    CloudProvider provider =
        TestCloud.connect(TestCloud.passwordFields(TestCloud.USER, password, TestCloud.PROJECT));
    CloudException e = assertThrows(CloudException.class, provider::testConnection);
    assertEquals(CloudErrorType.AUTHENTICATION, e.type(), e.getMessage());
    assertEquals(401, e.httpCode());
    assertFalse(e.getMessage().contains(password), e.getMessage());
    assertTrue(
        e.getMessage().contains("request req-"), "keeps Keystone's request id: " + e.getMessage());
  }

  @Test
  void shouldRefuseAProjectTheUserHasNoRoleOn() {
    CloudProvider provider =
        TestCloud.connect(
            TestCloud.passwordFields(TestCloud.USER, TestCloud.PASSWORD, "no-such-project"));
    CloudException e = assertThrows(CloudException.class, provider::testConnection);
    assertEquals(CloudErrorType.AUTHENTICATION, e.type(), e.getMessage());
  }

  @Test
  void shouldConnectWithAnApplicationCredential() {
    KeystoneSession admin = TestCloud.session(TestCloud.identity(), Clock.systemUTC(), 300);
    Token token = admin.token();
    URI identity = URI.create(TestCloud.identity() + "/");
    String userId =
        http.send(
                "identity",
                "GET",
                identity.resolve("auth/tokens"),
                Map.of("X-Auth-Token", token.value(), "X-Subject-Token", token.value()),
                null)
            .as(JsonNode.class)
            .path("token")
            .path("user")
            .path("id")
            .asText();
    JsonNode credential =
        http.send(
                "identity",
                "POST",
                identity.resolve("users/" + userId + "/application_credentials"),
                Map.of("X-Auth-Token", token.value()),
                Map.of(
                    "application_credential",
                    Map.of("name", "stratus-it-" + UUID.randomUUID().toString().substring(0, 8))))
            .as(JsonNode.class)
            .path("application_credential");
    String id = credential.path("id").asText();
    try {
      Map<String, String> values = new HashMap<>();
      values.put(OpenStackProviderFactory.ENDPOINT, TestCloud.identity().toString());
      values.put(OpenStackProviderFactory.APP_CREDENTIAL_ID, id);
      values.put(
          OpenStackProviderFactory.APP_CREDENTIAL_SECRET, credential.path("secret").asText());
      CloudProvider provider = TestCloud.connect(values);
      provider.testConnection();
      assertEquals(
          List.of(TestCloud.REGION),
          provider.dataCenters().listRegions().stream().map(r -> r.id()).toList());
      assertFalse(
          provider
              .compute()
              .orElseThrow()
              .virtualMachines()
              .orElseThrow()
              .listProducts()
              .isEmpty());
    } finally {
      http.send(
          "identity",
          "DELETE",
          identity.resolve("users/" + userId + "/application_credentials/" + id),
          Map.of("X-Auth-Token", token.value()),
          null);
    }
  }

  @Test
  void shouldWaitOutA429AndThenAuthenticate() throws Exception {
    try (ThrottlingProxy proxy = ThrottlingProxy.start(TestCloud.identity(), 1, 1)) {
      KeystoneSession session = TestCloud.session(proxy.identity(), Clock.systemUTC(), 300);
      long start = System.nanoTime();
      Token token = session.token();
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertTrue(token.value().length() > 10);
      assertEquals(2, proxy.requests(), "one 429, then the request again");
      assertTrue(took.compareTo(Duration.ofMillis(900)) >= 0, "waited the Retry-After: " + took);
    }
  }

  @Test
  void shouldReportThrottlingWhenTheCloudAsksForALongWait() throws Exception {
    try (ThrottlingProxy proxy = ThrottlingProxy.start(TestCloud.identity(), 1, 3600)) {
      KeystoneSession session = TestCloud.session(proxy.identity(), Clock.systemUTC(), 300);
      CloudException e = assertThrows(CloudException.class, session::token);
      assertEquals(CloudErrorType.THROTTLING, e.type(), e.getMessage());
      assertTrue(e.isRetryable());
      assertEquals(1, proxy.requests());
    }
  }

  @Test
  void shouldListRegionsAndAvailabilityZonesFromTheCloud() {
    CloudProvider provider = TestCloud.provider();
    assertEquals(
        List.of(TestCloud.REGION),
        provider.dataCenters().listRegions().stream().map(r -> r.id()).toList());
    var zones = provider.dataCenters().listDataCenters(TestCloud.REGION);
    assertTrue(zones.stream().anyMatch(z -> z.id().equals("nova") && z.active()), zones.toString());
    CloudException e =
        assertThrows(
            CloudException.class, () -> provider.dataCenters().listDataCenters("NoSuchRegion"));
    assertEquals(CloudErrorType.NOT_FOUND, e.type());
  }

  private OpenStackProvider providerOn(KeystoneSession session) {
    var factory = new OpenStackProviderFactory();
    ProviderContext context =
        new ProviderContext(
            factory.contextFields(),
            TestCloud.passwordFields(TestCloud.USER, TestCloud.PASSWORD, TestCloud.PROJECT),
            TestCloud.REGION);
    return new OpenStackProvider(context, session, "public");
  }

  private void revoke(Token token) {
    http.send(
        "identity",
        "DELETE",
        URI.create(TestCloud.identity() + "/auth/tokens"),
        Map.of("X-Auth-Token", token.value(), "X-Subject-Token", token.value()),
        null);
  }
}
