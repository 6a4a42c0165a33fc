package io.stratus.cloud.local.driver;

import io.stratus.cloud.spi.CloudErrorType;
import io.stratus.cloud.spi.CloudException;
import io.stratus.cloud.spi.CloudProvider;
import io.stratus.cloud.spi.ProviderContext;
import io.stratus.cloud.spi.compute.ComputeServices;
import io.stratus.cloud.spi.compute.ImageSupport;
import io.stratus.cloud.spi.compute.SnapshotSupport;
import io.stratus.cloud.spi.compute.VirtualMachineSupport;
import io.stratus.cloud.spi.compute.VolumeSupport;
import io.stratus.cloud.spi.dc.DataCenter;
import io.stratus.cloud.spi.dc.DataCenterServices;
import io.stratus.cloud.spi.dc.Region;
import io.stratus.cloud.spi.network.FirewallSupport;
import io.stratus.cloud.spi.network.IpAddressSupport;
import io.stratus.cloud.spi.network.NetworkServices;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One account on a local cloud; compute and network work in the context's region. */
final class LocalCloudProvider implements CloudProvider, DataCenterServices {
  private final ProviderContext context;
  private final LocalApiClient api;

  LocalCloudProvider(ProviderContext context) {
    this.context = context;
    URI endpoint;
    try {
      String value = context.require(LocalCloudProviderFactory.ENDPOINT);
      endpoint = URI.create(value.endsWith("/") ? value : value + "/");
      if (!"http".equals(endpoint.getScheme()) || endpoint.getHost() == null) {
        throw new IllegalArgumentException("not an http URL");
      }
    } catch (IllegalArgumentException e) {
      throw new CloudException(
          CloudErrorType.INVALID_REQUEST, "endpoint must be an http:// URL of the local cloud");
    }
    this.api =
        new LocalApiClient(
            endpoint,
            context.require(LocalCloudProviderFactory.ACCESS_KEY),
            context.require(LocalCloudProviderFactory.SECRET_KEY));
  }

  @Override
  public String name() {
    return "local";
  }

  @Override
  public ProviderContext context() {
    return context;
  }

  @Override
  public DataCenterServices dataCenters() {
    return this;
  }

  @Override
  public Optional<ComputeServices> compute() {
    String region = context.regionId();
    if (region == null) {
      return Optional.empty();
    }
    String base = "regions/" + region;
    return Optional.of(
        new ComputeServices() {
          @Override
          public Optional<VirtualMachineSupport> virtualMachines() {
            return Optional.of(new LocalVirtualMachineSupport(api, base));
          }

          @Override
          public Optional<ImageSupport> images() {
            return Optional.of(new LocalImageSupport(api, base));
          }

          @Override
          public Optional<VolumeSupport> volumes() {
            return Optional.of(new LocalVolumeSupport(api, base));
          }

          @Override
          public Optional<SnapshotSupport> snapshots() {
            return Optional.of(new LocalSnapshotSupport(api, base));
          }
        });
  }

  @Override
  public Optional<NetworkServices> network() {
    String region = context.regionId();
    if (region == null) {
      return Optional.empty();
    }
    String base = "regions/" + region;
    return Optional.of(
        new NetworkServices() {
          @Override
          public Optional<IpAddressSupport> ipAddresses() {
            return Optional.of(new LocalIpAddressSupport(api, base));
          }

          @Override
          public Optional<FirewallSupport> firewalls() {
            return Optional.of(new LocalFirewallSupport(api, base));
          }
        });
  }

  @Override
  public void testConnection() {
    api.get("ping");
  }

  @Override
  public List<Region> listRegions() {
    List<Region> regions = new ArrayList<>();
    for (var node : api.get("regions").path("items")) {
      regions.add(
          new Region(
              node.path("id").asText(),
              node.path("name").asText(),
              node.path("jurisdiction").asText(),
              node.path("active").asBoolean()));
    }
    return regions;
  }

  @Override
  public List<DataCenter> listDataCenters(String regionId) {
    List<DataCenter> result = new ArrayList<>();
    for (var node : api.get("regions/" + regionId + "/datacenters").path("items")) {
      result.add(
          new DataCenter(
              node.path("id").asText(),
              node.path("regionId").asText(),
              node.path("name").asText(),
              node.path("active").asBoolean()));
    }
    return result;
  }
}
