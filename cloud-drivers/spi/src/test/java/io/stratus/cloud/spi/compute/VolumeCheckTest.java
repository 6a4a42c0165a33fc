package io.stratus.cloud.spi.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratus.cloud.spi.CapabilitySnapshot;
import io.stratus.cloud.spi.Refusals;
import org.junit.jupiter.api.Test;

class VolumeCheckTest {
  private static CapabilitySnapshot cloud(String pattern, String rule) {
    return new CapabilitySnapshot(
        true, false, true, true, 64, null, true, true, true, true, 2, 100, true, true, true, true,
        false, pattern, rule, null);
  }

  @Test
  void shouldRefuseASizeMissingOrOutsideTheCloudsLimits() {
    CapabilitySnapshot can = cloud(null, null);
    assertEquals(
        "Size (GB) must be a whole number from 2 to 100 on this cloud.",
        VolumeCheck.size(can, 1, new Refusals()).byField().get("sizeGb"));
    assertTrue(VolumeCheck.size(can, 101, new Refusals()).byField().containsKey("sizeGb"));
    assertTrue(VolumeCheck.size(can, null, new Refusals()).byField().containsKey("sizeGb"));
    assertTrue(VolumeCheck.size(can, 2, new Refusals()).isEmpty());
  }

  @Test
  void shouldRefuseADeviceNameByTheCloudsOwnRuleInItsWords() {
    CapabilitySnapshot can = cloud("[a-z0-9]{1,16}", "1 to 16 lower-case letters or digits");
    assertEquals(
        "Device must be 1 to 16 lower-case letters or digits on this cloud.",
        VolumeCheck.device(can, "/dev/sdf", new Refusals()).first());
    assertTrue(VolumeCheck.device(can, "vdb", new Refusals()).isEmpty());
    assertTrue(VolumeCheck.device(can, null, new Refusals()).isEmpty(), "the cloud chooses");
  }

  @Test
  void shouldKeepTheGeneralRuleWhereTheCloudStatesNone() {
    CapabilitySnapshot can = cloud(null, null);
    assertTrue(VolumeCheck.device(can, "/dev/sdf", new Refusals()).isEmpty());
    assertTrue(VolumeCheck.device(can, "a b", new Refusals()).byField().containsKey("device"));
  }
}
