package io.stratus.cloud.spi.network;

/**
 * What a cloud's firewalls accept, asked before a rule is sent: whether a rule may name an IPv6
 * network. Every cloud takes IPv4 networks, TCP and UDP rules with ports 1..65535, and ICMP rules
 * without ports.
 */
public record FirewallCapabilities(boolean supportsIpv6) {}
