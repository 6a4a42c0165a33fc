package io.stratus.cloud.spi.compute;

/** PENDING (being captured) → ACTIVE → DELETED. */
public enum ImageState {
  PENDING,
  ACTIVE,
  DELETED
}
