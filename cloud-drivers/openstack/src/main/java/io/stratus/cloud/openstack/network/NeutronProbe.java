package io.stratus.cloud.openstack.network;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.stratus.cloud.openstack.http.ServiceClient;
import java.util.List;
import java.util.Optional;

/**
 * What the cloud's network service really offers, read from Neutron's extension list and networks
 * rather than from its presence in the catalogue: a Neutron without the {@code security-group}
 * extension has no firewalls, one without networks gives servers no address.
 */
public record NeutronProbe(boolean securityGroups, boolean floatingIps, boolean networks) {
  public static final NeutronProbe NONE = new NeutronProbe(false, false, false);

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Extensions(List<Extension> extensions) {
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Extension(String alias) {}
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Networks(List<Object> networks) {}

  /** Probes the network service, or answers {@link #NONE} when the catalogue has none. */
  public static NeutronProbe of(Optional<ServiceClient> neutron) {
    if (neutron.isEmpty() || neutron.get().base().isEmpty()) {
      return NONE;
    }
    ServiceClient client = neutron.get();
    Extensions extensions = client.get("v2.0/extensions").as(Extensions.class);
    List<String> aliases =
        extensions.extensions() == null
            ? List.of()
            : extensions.extensions().stream().map(Extensions.Extension::alias).toList();
    Networks networks = client.get("v2.0/networks?limit=1").as(Networks.class);
    return new NeutronProbe(
        aliases.contains("security-group"),
        aliases.contains("router"),
        networks.networks() != null && !networks.networks().isEmpty());
  }
}
