package io.stratus.cloud.spi.compute;

/** PENDING → AVAILABLE → DELETED. */
public enum SnapshotState {
  PENDING,
  AVAILABLE,
  DELETED
}
