package io.stratus.cloud.openstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratus.cloud.openstack.identity.KeystoneCredentials;
import io.stratus.cloud.spi.CloudErrorType;
import io.stratus.cloud.spi.CloudException;
import io.stratus.cloud.spi.CloudProviders;
import io.stratus.cloud.spi.ConfigField;
import io.stratus.cloud.spi.ProviderContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenStackProviderFactoryTest {
  private final OpenStackProviderFactory factory = new OpenStackProviderFactory();

  private ProviderContext context(Map<String, String> values) {
    return new ProviderContext(factory.contextFields(), values, "RegionOne");
  }

  @Test
  void shouldBeFoundByName() {
    assertEquals(OpenStackProviderFactory.class, CloudProviders.byName("openstack").getClass());
  }

  @Test
  void shouldDeclareBothSecretsAsSecretsAndTheEndpointAsTheOperators() {
    var fields = factory.contextFields();
    assertTrue(
        fields.stream()
            .filter(ConfigField::isSecret)
            .map(ConfigField::name)
            .toList()
            .containsAll(java.util.List.of("password", "applicationCredentialSecret")));
    assertTrue(fields.stream().anyMatch(f -> f.name().equals("endpoint") && f.operatorProvided()));
  }

  @Test
  void shouldTakeAPasswordWithDefaultDomains() {
    KeystoneCredentials c =
        OpenStackProviderFactory.credentials(
            context(
                Map.of(
                    "endpoint",
                    "http://k/v3",
                    "username",
                    "u",
                    "projectName",
                    "p",
                    "password",
                    "s3cret")));
    assertEquals(new KeystoneCredentials.Password("u", "Default", "p", "Default", "s3cret"), c);
    assertFalse(c.toString().contains("s3cret"), c.toString());
  }

  @Test
  void shouldRefuseBothOrNeitherWayOfAuthenticating() {
    CloudException neither =
        assertThrows(
            CloudException.class,
            () -> factory.connect(context(Map.of("endpoint", "http://k/v3", "username", "u"))));
    assertEquals(CloudErrorType.INVALID_REQUEST, neither.type());
    CloudException both =
        assertThrows(
            CloudException.class,
            () ->
                factory.connect(
                    context(
                        Map.of(
                            "endpoint", "http://k/v3",
                            "username", "u",
                            "projectName", "p",
                            "password", "x",
                            "applicationCredentialId", "i",
                            "applicationCredentialSecret", "y"))));
    assertEquals(CloudErrorType.INVALID_REQUEST, both.type());
  }

  @Test
  void shouldRefuseAnEndpointThatIsNotHttpAndAnUnknownInterface() {
    assertThrows(
        CloudException.class,
        () ->
            factory.connect(
                context(
                    Map.of(
                        "endpoint",
                        "file:///etc/passwd",
                        "applicationCredentialId",
                        "i",
                        "applicationCredentialSecret",
                        "y"))));
    assertThrows(
        CloudException.class,
        () ->
            factory.connect(
                context(
                    Map.of(
                        "endpoint",
                        "http://k/v3",
                        "applicationCredentialId",
                        "i",
                        "applicationCredentialSecret",
                        "y",
                        "interface",
                        "admin"))));
  }

  @Test
  void shouldNeverShowASecretInItsContext() {
    var provider =
        factory.connect(
            context(
                Map.of(
                    "endpoint",
                    "http://k/v3",
                    "applicationCredentialId",
                    "i",
                    "applicationCredentialSecret",
                    "top-secret")));
    assertFalse(provider.context().toString().contains("top-secret"));
  }
}
