package io.stratus.cloud.spi.compute;

/** PENDING → AVAILABLE ⇄ ATTACHED; AVAILABLE → DELETED. */
public enum VolumeState {
  PENDING,
  AVAILABLE,
  ATTACHED,
  DELETED
}
