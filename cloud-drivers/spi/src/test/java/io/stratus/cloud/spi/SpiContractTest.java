package io.stratus.cloud.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratus.cloud.spi.compute.VirtualMachineCapabilities;
import io.stratus.cloud.spi.compute.VmState;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SpiContractTest {
  private static final List<ConfigField> FIELDS =
      List.of(
          new ConfigField("endpoint", FieldType.TEXT, true, "where"),
          new ConfigField("secretKey", FieldType.SECRET, true, "the secret"));

  @Test
  void shouldRetryOnlyThrottlingCapacityAndCommunication() {
    EnumSet<CloudErrorType> retryable = EnumSet.noneOf(CloudErrorType.class);
    for (CloudErrorType type : CloudErrorType.values()) {
      if (new CloudException(type, "x").isRetryable()) {
        retryable.add(type);
      }
    }
    assertEquals(
        EnumSet.of(
            CloudErrorType.THROTTLING, CloudErrorType.CAPACITY, CloudErrorType.COMMUNICATION),
        retryable);
  }

  @Test
  void shouldNeverPrintASecretFromTheContext() {
    ProviderContext context =
        ProviderContext.validated(
            FIELDS, Map.of("endpoint", "http://x/", "secretKey", "s3cr3t"), "r1");
    assertFalse(context.toString().contains("s3cr3t"), context.toString());
    assertTrue(context.toString().contains("http://x/"));
  }

  @Test
  void shouldRefuseAMissingRequiredFieldAndAnUnknownOne() {
    CloudException missing =
        assertThrows(
            CloudException.class,
            () -> ProviderContext.validated(FIELDS, Map.of("endpoint", "e"), null));
    assertEquals(CloudErrorType.INVALID_REQUEST, missing.type());
    assertTrue(missing.getMessage().contains("secretKey"));
    CloudException unknown =
        assertThrows(
            CloudException.class,
            () ->
                ProviderContext.validated(
                    FIELDS, Map.of("endpoint", "e", "secretKey", "s", "colour", "red"), null));
    assertTrue(unknown.getMessage().contains("colour"));
  }

  @Test
  void shouldNameAMissingFieldByItsLabelAndItsName() {
    List<ConfigField> fields =
        List.of(
            ConfigField.labelled("accessKey", "Access key", FieldType.TEXT, true, "the key"),
            new ConfigField("project", FieldType.TEXT, true, "the project"));
    CloudException missingLabelled =
        assertThrows(
            CloudException.class,
            () -> ProviderContext.validated(fields, Map.of("project", "p"), null));
    assertEquals("the field Access key (accessKey) is required", missingLabelled.getMessage());
    CloudException missingPlain =
        assertThrows(
            CloudException.class,
            () -> ProviderContext.validated(fields, Map.of("accessKey", "k"), null));
    assertEquals("the field 'project' is required", missingPlain.getMessage());
  }

  @Test
  void shouldRefuseAPageSizeOutOfRange() {
    assertThrows(IllegalArgumentException.class, () -> PageRequest.first(0));
    assertThrows(IllegalArgumentException.class, () -> PageRequest.first(PageRequest.MAX_SIZE + 1));
  }

  @Test
  void shouldAllowOnlyTheDocumentedTransitionsByDefault() {
    VirtualMachineCapabilities caps =
        new VirtualMachineCapabilities() {
          @Override
          public Pattern namePattern() {
            return Pattern.compile(".*");
          }

          @Override
          public int maxNameLength() {
            return 10;
          }

          @Override
          public boolean requiresDataCenter() {
            return false;
          }

          @Override
          public boolean supportsUserData() {
            return false;
          }

          @Override
          public boolean supportsClientToken() {
            return false;
          }

          @Override
          public boolean supportsFirewalls() {
            return false;
          }

          @Override
          public boolean supportsSamples() {
            return false;
          }

          @Override
          public int maxMachines() {
            return 0;
          }
        };
    assertTrue(caps.canStop(VmState.RUNNING));
    assertFalse(caps.canStop(VmState.TERMINATED));
    assertFalse(caps.canStart(VmState.RUNNING));
    assertTrue(caps.canStart(VmState.STOPPED));
    assertFalse(caps.canTerminate(VmState.TERMINATED));
  }

  @Test
  void shouldNameTheAvailableDriversWhenOneIsMissing() {
    InternalException e =
        assertThrows(InternalException.class, () -> CloudProviders.byName("nope"));
    assertTrue(e.getMessage().contains("nope"));
  }
}
