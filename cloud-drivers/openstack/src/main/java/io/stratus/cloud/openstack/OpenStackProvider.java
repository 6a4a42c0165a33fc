package io.stratus.cloud.openstack;

import io.stratus.cloud.openstack.compute.AvailabilityZones;
import io.stratus.cloud.openstack.compute.NovaVirtualMachineSupport;
import io.stratus.cloud.openstack.http.OpenStackHttp;
import io.stratus.cloud.openstack.http.ServiceClient;
import io.stratus.cloud.openstack.identity.KeystoneSession;
import io.stratus.cloud.openstack.image.GlanceImageSupport;
import io.stratus.cloud.openstack.network.NeutronProbe;
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
import io.stratus.cloud.spi.network.NetworkServices;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One account on an OpenStack cloud, in the context's region. What it offers is read from the
 * token's catalogue (a service the catalogue lacks in this region is an empty support) and, for
 * networking, from what Neutron really answers. Volumes, snapshots, addresses and firewalls are not
 * driven yet (empty), whatever the cloud has.
 */
public final class OpenStackProvider implements CloudProvider, DataCenterServices {
  private final ProviderContext context;
  private final KeystoneSession session;
  private final OpenStackHttp http = new OpenStackHttp();
  private final String iface;
  private Optional<NovaVirtualMachineSupport> servers;
  private Optional<GlanceImageSupport> images;

  public OpenStackProvider(ProviderContext context, KeystoneSession session, String iface) {
    this.context = context;
    this.session = session;
    this.iface = iface;
  }

  @Override
  public String name() {
    return "openstack";
  }

  @Override
  public ProviderContext context() {
    return context;
  }

  @Override
  public DataCenterServices dataCenters() {
    return this;
  }

  private Optional<ServiceClient> service(String type) {
    String region = context.regionId();
    if (region == null) {
      return Optional.empty();
    }
    ServiceClient client = new ServiceClient(session, http, type, region, iface, Map.of());
    return client.base().map(base -> client);
  }

  /** The region's servers, when the catalogue has compute there; made once per provider. */
  public synchronized Optional<NovaVirtualMachineSupport> servers() {
    if (servers == null) {
      Optional<ServiceClient> nova = service("compute");
      NeutronProbe network =
          nova.isEmpty() ? NeutronProbe.NONE : NeutronProbe.of(service("network"));
      servers =
          nova.map(
              c ->
                  new NovaVirtualMachineSupport(
                      c,
                      context.regionId(),
                      network.securityGroups(),
                      network.networks(),
                      imageId -> glance().map(g -> g.exists(imageId)).orElse(true)));
    }
    return servers;
  }

  private synchronized Optional<GlanceImageSupport> glance() {
    if (images == null) {
      images = service("image").map(g -> new GlanceImageSupport(g, servers()));
    }
    return images;
  }

  @Override
  public Optional<ComputeServices> compute() {
    if (context.regionId() == null
        || (service("compute").isEmpty() && service("image").isEmpty())) {
      return Optional.empty();
    }
    return Optional.of(
        new ComputeServices() {
          @Override
          public Optional<VirtualMachineSupport> virtualMachines() {
            return servers().map(s -> s);
          }

          @Override
          public Optional<ImageSupport> images() {
            return glance().map(g -> g);
          }

          @Override
          public Optional<VolumeSupport> volumes() {
            return Optional.empty();
          }

          @Override
          public Optional<SnapshotSupport> snapshots() {
            return Optional.empty();
          }
        });
  }

  @Override
  public Optional<NetworkServices> network() {
    return Optional.empty();
  }

  @Override
  public void testConnection() {
    session.token();
  }

  /** Regions from the catalogue: those with compute, or any service if none has. */
  @Override
  public List<Region> listRegions() {
    var catalog = session.token().catalog();
    List<String> ids = catalog.regions("compute");
    if (ids.isEmpty()) {
      ids =
          catalog.services().stream()
              .map(s -> s.type())
              .distinct()
              .flatMap(t -> catalog.regions(t).stream())
              .distinct()
              .sorted()
              .toList();
    }
    return ids.stream().map(id -> new Region(id, id, "", true)).toList();
  }

  /** Availability zones as data centres. */
  @Override
  public List<DataCenter> listDataCenters(String regionId) {
    if (listRegions().stream().noneMatch(r -> r.id().equals(regionId))) {
      throw new CloudException(CloudErrorType.NOT_FOUND, "the cloud has no region " + regionId);
    }
    ServiceClient nova = new ServiceClient(session, http, "compute", regionId, iface, Map.of());
    AvailabilityZones zones = nova.get("os-availability-zone").as(AvailabilityZones.class);
    if (zones.availabilityZoneInfo() == null) {
      return List.of();
    }
    return zones.availabilityZoneInfo().stream()
        .map(
            z ->
                new DataCenter(
                    z.zoneName(),
                    regionId,
                    z.zoneName(),
                    z.zoneState() != null && z.zoneState().available()))
        .toList();
  }
}
