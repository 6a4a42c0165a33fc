package io.stratus.cloud.openstack.network;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.stratus.cloud.openstack.http.ServiceClient;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

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

  /** How long a probe's answer is kept per network endpoint. */
  static final Duration KEPT = Duration.ofMinutes(10);

  private record Probed(NeutronProbe probe, Instant at) {}

  private static final Map<URI, Probed> PROBED = new ConcurrentHashMap<>();

  /**
   * Probes the network service (or answers what a probe of it found in the last {@link #KEPT}), or
   * {@link #NONE} when the catalogue has none.
   */
  public static NeutronProbe of(Optional<ServiceClient> neutron) {
    Optional<URI> base = neutron.flatMap(ServiceClient::base);
    if (base.isEmpty()) {
      return NONE;
    }
    Probed earlier = PROBED.get(base.get());
    if (earlier != null && earlier.at().plus(KEPT).isAfter(Instant.now())) {
      return earlier.probe();
    }
    NeutronProbe probe = probe(neutron.get());
    PROBED.put(base.get(), new Probed(probe, Instant.now()));
    return probe;
  }

  private static NeutronProbe probe(ServiceClient client) {
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
