package io.stratus.cloud.spi.compute;

/** A block volume; {@code vmId} and {@code device} are set while attached. */
public record Volume(
    String id,
    String name,
    int sizeGb,
    VolumeState state,
    String dataCenterId,
    String vmId,
    String device,
    String fromSnapshotId) {}
