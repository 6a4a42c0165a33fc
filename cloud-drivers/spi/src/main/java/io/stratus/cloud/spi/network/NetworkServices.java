package io.stratus.cloud.spi.network;

import java.util.Optional;

/**
 * Networking: each support is empty when the cloud lacks it. Load balancers and DNS are not part of
 * the SPI yet.
 */
public interface NetworkServices {
  Optional<IpAddressSupport> ipAddresses();

  Optional<FirewallSupport> firewalls();
}
