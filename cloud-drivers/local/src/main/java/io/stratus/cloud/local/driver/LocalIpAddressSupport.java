package io.stratus.cloud.local.driver;

import io.stratus.cloud.spi.network.IpAddress;
import io.stratus.cloud.spi.network.IpAddressSupport;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Addresses of one local-cloud region, from 127.43.0.0/16. */
final class LocalIpAddressSupport implements IpAddressSupport {
  private final RegionCollection<IpAddress> addresses;

  LocalIpAddressSupport(LocalApiClient api, String region) {
    this.addresses = new RegionCollection<>(api, region, "ips", Json::ip);
  }

  @Override
  public IpAddress request() {
    return addresses.create(Map.of());
  }

  @Override
  public void assign(String ipId, String vmId) {
    addresses.act(ipId, "assign", Map.of("vmId", vmId));
  }

  @Override
  public void unassign(String ipId) {
    addresses.act(ipId, "unassign", Map.of());
  }

  @Override
  public void release(String ipId) {
    addresses.delete(ipId);
  }

  @Override
  public List<IpAddress> list() {
    return addresses.list();
  }

  @Override
  public Optional<IpAddress> get(String ipId) {
    return addresses.get(ipId);
  }
}
