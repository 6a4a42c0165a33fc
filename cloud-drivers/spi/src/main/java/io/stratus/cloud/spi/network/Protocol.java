package io.stratus.cloud.spi.network;

/** A firewall rule's protocol. */
public enum Protocol {
  TCP,
  UDP,
  ICMP,
  ANY
}
