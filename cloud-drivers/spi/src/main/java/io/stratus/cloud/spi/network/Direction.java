package io.stratus.cloud.spi.network;

/** Which traffic a firewall rule applies to. */
public enum Direction {
  INGRESS,
  EGRESS
}
