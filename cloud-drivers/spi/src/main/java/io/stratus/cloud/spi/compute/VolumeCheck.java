package io.stratus.cloud.spi.compute;

import io.stratus.cloud.spi.CapabilitySnapshot;
import io.stratus.cloud.spi.Refusals;
import java.util.regex.Pattern;

/**
 * A volume's size and device name as the cloud will take them, checked before they are sent: the
 * size within the cloud's limits, the device name by the general rule and the cloud's own. The
 * console's volume forms and the Dispatcher run this one check.
 */
public final class VolumeCheck {
  private static final Pattern ANY_DEVICE = Pattern.compile("[A-Za-z0-9/_-]{1,64}");

  private VolumeCheck() {}

  /** Refuses ({@code sizeGb}) a size missing or outside the cloud's limits. */
  public static Refusals size(CapabilitySnapshot can, Integer sizeGb, Refusals into) {
    if (sizeGb == null || sizeGb < can.volumeMinGb() || sizeGb > can.volumeMaxGb()) {
      into.add(
          "sizeGb",
          "Size (GB) must be a whole number from "
              + can.volumeMinGb()
              + " to "
              + can.volumeMaxGb()
              + " on this cloud.");
    }
    return into;
  }

  /**
   * Refuses ({@code device}) a device name the cloud would not attach as; null is "let it choose".
   */
  public static Refusals device(CapabilitySnapshot can, String device, Refusals into) {
    if (device == null) {
      return into;
    }
    if (can.deviceNamePattern() != null) {
      if (!Pattern.matches(can.deviceNamePattern(), device)) {
        into.add("device", "Device must be " + can.deviceNameRule() + " on this cloud.");
      }
    } else if (!ANY_DEVICE.matcher(device).matches()) {
      into.add("device", "Device must be 1 to 64 letters, digits, '/', '_' or '-'.");
    }
    return into;
  }
}
