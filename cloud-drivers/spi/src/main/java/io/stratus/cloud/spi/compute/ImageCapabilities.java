package io.stratus.cloud.spi.compute;

/** What image support can do. */
public record ImageCapabilities(boolean canCapture, boolean canRemove) {}
