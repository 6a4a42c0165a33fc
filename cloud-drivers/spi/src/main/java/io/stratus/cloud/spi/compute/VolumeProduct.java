package io.stratus.cloud.spi.compute;

/** A kind of volume a cloud offers. */
public record VolumeProduct(String id, String name, int minSizeGb, int maxSizeGb) {}
