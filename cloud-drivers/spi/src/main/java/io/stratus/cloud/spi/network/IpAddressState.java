package io.stratus.cloud.spi.network;

/** AVAILABLE (held, unassigned) ⇄ ASSIGNED; AVAILABLE → RELEASED. */
public enum IpAddressState {
  AVAILABLE,
  ASSIGNED,
  RELEASED
}
