package io.stratus.cloud.spi.network;

/** A firewall (security group). */
public record Firewall(String id, String name, String description) {}
