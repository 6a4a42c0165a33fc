package io.stratus.cloud.spi.compute;

/** A point-in-time copy of a volume. */
public record Snapshot(String id, String volumeId, String name, int sizeGb, SnapshotState state) {}
