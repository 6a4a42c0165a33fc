package io.stratus.cloud.spi.network;

/** A public (elastic) address held by the account; {@code vmId} is set while assigned. */
public record IpAddress(String id, String address, IpAddressState state, String vmId) {}
