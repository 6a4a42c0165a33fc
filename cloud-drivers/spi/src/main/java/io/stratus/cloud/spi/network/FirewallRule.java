package io.stratus.cloud.spi.network;

/**
 * One rule of a firewall: traffic in {@code direction} for {@code protocol} on ports {@code
 * fromPort..toPort} (both -1 for ICMP and ANY) from or to {@code cidr}.
 */
public record FirewallRule(
    String id,
    String firewallId,
    Direction direction,
    Protocol protocol,
    int fromPort,
    int toPort,
    String cidr) {}
