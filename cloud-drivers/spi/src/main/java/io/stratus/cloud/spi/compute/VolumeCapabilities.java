package io.stratus.cloud.spi.compute;

/** What volume support can do, and the sizes it accepts. */
public record VolumeCapabilities(
    int minSizeGb, int maxSizeGb, boolean canAttachWhileRunning, boolean supportsSnapshots) {}
