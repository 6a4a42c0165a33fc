package io.stratus.cloud.spi.network;

import java.util.List;
import java.util.Optional;

/** Static addresses in one region. */
public interface IpAddressSupport {
  /** Takes a new address from the cloud's pool. */
  IpAddress request();

  /** Points the address at a machine (moving it if it was assigned elsewhere). */
  void assign(String ipId, String vmId);

  /** Takes the address off its machine, keeping it. */
  void unassign(String ipId);

  /** Gives the address back to the cloud. */
  void release(String ipId);

  List<IpAddress> list();

  Optional<IpAddress> get(String ipId);
}
