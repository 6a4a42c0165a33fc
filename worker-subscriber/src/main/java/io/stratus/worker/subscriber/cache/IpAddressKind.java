package io.stratus.worker.subscriber.cache;

import io.stratus.cloud.spi.CloudProvider;
import io.stratus.cloud.spi.network.IpAddress;
import io.stratus.cloud.spi.network.IpAddressState;
import io.stratus.common.cache.CacheWork;
import io.stratus.common.resource.kinds.Infrastructure;
import io.stratus.common.resource.kinds.Network;
import java.util.Optional;

/** Static IP addresses, with the server each is assigned to (by the machine's cloud id). */
public final class IpAddressKind extends TableKind<IpAddress> {
  public IpAddressKind() {
    super(
        "ip",
        IpAddress::id,
        KindTable.<IpAddress>of(Network.IP_ADDRESS)
            .state(ip -> stateOf(ip.state()))
            .endsWhen(ip -> ip.state() == IpAddressState.RELEASED, "released in the cloud")
            .column("address", IpAddress::address)
            .reference("server_id", Infrastructure.SERVER, IpAddress::vmId)
            .whenGone("server_id = NULL")
            .holdsBackForCreates()
            .build());
  }

  @Override
  public Optional<Listing<IpAddress>> listing(
      CloudProvider provider, CacheWork work, String region) {
    return provider.network().flatMap(n -> n.ipAddresses()).map(ips -> Listing.whole(ips::list));
  }
}
