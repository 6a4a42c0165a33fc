package io.stratus.cloud.spi.compute;

/** A machine size: CPUs, memory and root disk. */
public record ServerProduct(String id, String name, int cpuCount, int ramMb, int rootVolumeGb) {}
