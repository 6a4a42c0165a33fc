package io.stratus.worker.subscriber.cache;

import io.stratus.cloud.spi.CloudProvider;
import io.stratus.cloud.spi.network.Firewall;
import io.stratus.common.cache.CacheWork;
import io.stratus.common.resource.kinds.Network;
import java.util.Optional;

/** Firewalls (security groups); their rules are a kind of their own, {@link FirewallRuleKind}. */
public final class FirewallKind extends TableKind<Firewall> {
  public FirewallKind() {
    super(
        "firewall",
        Firewall::id,
        KindTable.<Firewall>of(Network.FIREWALL)
            .state(f -> "active")
            .column("name", Firewall::name)
            .column("description", Firewall::description)
            .holdsBackForCreates()
            .build());
  }

  @Override
  public Optional<Listing<Firewall>> listing(
      CloudProvider provider, CacheWork work, String region) {
    return provider.network().flatMap(n -> n.firewalls()).map(f -> Listing.whole(f::list));
  }
}
