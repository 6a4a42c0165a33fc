package io.stratus.cloud.spi.compute;

/**
 * What volume support can do, the sizes it accepts and the device names it attaches a volume as.
 *
 * @param deviceNamePattern the device names {@link VolumeSupport#attach} accepts (a regular
 *     expression matched whole), or null when the cloud states no rule
 * @param deviceNameRule the same rule in words, as a person reads it ("1 to 16 lower-case letters
 *     or digits, such as vdb"), or null with no pattern
 */
public record VolumeCapabilities(
    int minSizeGb,
    int maxSizeGb,
    boolean canAttachWhileRunning,
    boolean supportsSnapshots,
    String deviceNamePattern,
    String deviceNameRule) {

  /** Capabilities of a cloud that states no rule for device names. */
  public VolumeCapabilities(
      int minSizeGb, int maxSizeGb, boolean canAttachWhileRunning, boolean supportsSnapshots) {
    this(minSizeGb, maxSizeGb, canAttachWhileRunning, supportsSnapshots, null, null);
  }

  public VolumeCapabilities {
    if ((deviceNamePattern == null) != (deviceNameRule == null)) {
      throw new IllegalArgumentException("a device name pattern needs its rule in words, and back");
    }
  }
}
