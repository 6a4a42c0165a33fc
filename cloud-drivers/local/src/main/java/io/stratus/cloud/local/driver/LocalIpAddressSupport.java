package io.stratus.cloud.local.driver;

import io.stratus.cloud.spi.network.IpAddress;
import io.stratus.cloud.spi.network.IpAddressSupport;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Addresses of one local-cloud region, from 127.43.0.0/16. */
final class LocalIpAddressSupport implements IpAddressSupport {
  private final LocalApiClient api;
  private final String base;

  LocalIpAddressSupport(LocalApiClient api, String region) {
    this.api = api;
    this.base = region + "/ips";
  }

  @Override
  public IpAddress request() {
    return Json.ip(api.post(base, Map.of()));
  }

  @Override
  public void assign(String ipId, String vmId) {
    api.post(path(ipId) + "/assign", Map.of("vmId", vmId));
  }

  @Override
  public void unassign(String ipId) {
    api.post(path(ipId) + "/unassign", Map.of());
  }

  @Override
  public void release(String ipId) {
    api.delete(path(ipId));
  }

  @Override
  public List<IpAddress> list() {
    return Json.items(api.get(base), Json::ip);
  }

  @Override
  public Optional<IpAddress> get(String ipId) {
    return api.find(path(ipId)).map(Json::ip);
  }

  private String path(String ipId) {
    return base + "/" + LocalVirtualMachineSupport.encode(ipId);
  }
}
