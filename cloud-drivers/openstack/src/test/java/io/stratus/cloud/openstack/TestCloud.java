package io.stratus.cloud.openstack;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.stratus.cloud.openstack.http.OpenStackHttp;
import io.stratus.cloud.openstack.identity.KeystoneCredentials;
import io.stratus.cloud.openstack.identity.KeystoneSession;
import io.stratus.cloud.spi.CloudProvider;
import io.stratus.cloud.spi.CloudProviders;
import io.stratus.cloud.spi.ProviderContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The OpenStack the driver's integration tests run against (cloud-drivers/openstack/test-cloud):
 * {@code STRATUS_TEST_OPENSTACK_URL} or {@code -Dstratus.test.openstack.url}, default
 * http://127.0.0.1:5000/v3. When nothing answers there the tests are skipped, saying so, unless
 * {@code STRATUS_TEST_OPENSTACK_REQUIRED=true} (as CI sets it), which makes that a failure.
 */
public final class TestCloud {
  public static final String REGION = "RegionOne";
  public static final String USER = "admin";
  public static final String PASSWORD = "secret";
  public static final String PROJECT = "admin";
  public static final String FLAVOR = "1";

  private TestCloud() {}

  public static URI identity() {
    String url = System.getProperty("stratus.test.openstack.url");
    if (url == null) {
      url = System.getenv().getOrDefault("STRATUS_TEST_OPENSTACK_URL", "http://127.0.0.1:5000/v3");
    }
    return URI.create(url);
  }

  /** Skips the calling test (or fails it, where the cloud is required) when Keystone is silent. */
  public static void assumeUp() {
    URI identity = identity();
    boolean up;
    try {
      HttpResponse<Void> answer =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(identity).timeout(Duration.ofSeconds(5)).build(),
                  HttpResponse.BodyHandlers.discarding());
      up = answer.statusCode() < 500;
    } catch (IOException e) {
      up = false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      up = false;
    }
    String message =
        "no OpenStack answers at "
            + identity
            + " (start one with cloud-drivers/openstack/test-cloud/up.sh, or set"
            + " STRATUS_TEST_OPENSTACK_URL)";
    if (!up && "true".equalsIgnoreCase(System.getenv("STRATUS_TEST_OPENSTACK_REQUIRED"))) {
      fail(message + "; STRATUS_TEST_OPENSTACK_REQUIRED=true");
    }
    assumeTrue(up, message);
  }

  static Map<String, String> passwordFields(String user, String password, String project) {
    Map<String, String> values = new HashMap<>();
    values.put(OpenStackProviderFactory.ENDPOINT, identity().toString());
    values.put(OpenStackProviderFactory.USERNAME, user);
    values.put(OpenStackProviderFactory.PASSWORD, password);
    values.put(OpenStackProviderFactory.PROJECT, project);
    return values;
  }

  /** The admin account through the registered factory, as the platform connects it. */
  public static CloudProvider provider() {
    return connect(passwordFields(USER, PASSWORD, PROJECT));
  }

  static CloudProvider connect(Map<String, String> values) {
    var factory = CloudProviders.byName("openstack");
    return factory.connect(new ProviderContext(factory.contextFields(), values, REGION));
  }

  static KeystoneCredentials adminCredentials() {
    return new KeystoneCredentials.Password(USER, "Default", PROJECT, "Default", PASSWORD);
  }

  /** A session of its own (not the process-wide one), on the given clock. */
  static KeystoneSession session(URI identity, Clock clock, long renewMarginSeconds) {
    return new KeystoneSession(
        identity, adminCredentials(), new OpenStackHttp(), clock, renewMarginSeconds);
  }

  /** The id of the fixture image {@code tiny}. */
  public static String tinyImage(CloudProvider provider) {
    return provider.compute().orElseThrow().images().orElseThrow().list().stream()
        .filter(i -> "tiny".equals(i.name()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("the test cloud has no image 'tiny' (fixtures.sh)"))
        .id();
  }
}
