package io.stratus.cloud.openstack.identity;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/** The service catalogue a Keystone token came with: where each service is, per region. */
public record ServiceCatalog(List<Service> services) {
  public ServiceCatalog {
    services = services == null ? List.of() : List.copyOf(services);
  }

  /** One service: its type ({@code compute}, {@code image}, ...) and endpoints. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Service(String type, String name, List<Endpoint> endpoints) {
    public Service {
      endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
    }
  }

  /** One endpoint: a URL for one interface (public, internal, admin) in one region. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Endpoint(
      @JsonProperty("interface") String iface,
      @JsonProperty("region_id") String regionId,
      String region,
      String url) {
    String regionName() {
      return regionId != null ? regionId : region;
    }
  }

  /**
   * The URL of a service of {@code type} in {@code region} for {@code iface}, if the cloud has one.
   */
  public Optional<URI> endpoint(String type, String region, String iface) {
    return services.stream()
        .filter(s -> type.equals(s.type()))
        .flatMap(s -> s.endpoints().stream())
        .filter(e -> iface.equals(e.iface()))
        .filter(e -> region == null || region.equals(e.regionName()))
        .map(e -> URI.create(e.url().endsWith("/") ? e.url() : e.url() + "/"))
        .findFirst();
  }

  /** Every region that has a service of {@code type}, sorted. */
  public List<String> regions(String type) {
    TreeSet<String> regions = new TreeSet<>();
    services.stream()
        .filter(s -> type.equals(s.type()))
        .flatMap(s -> s.endpoints().stream())
        .map(Endpoint::regionName)
        .filter(r -> r != null)
        .forEach(regions::add);
    return List.copyOf(regions);
  }
}
