package io.stratus.worker.subscriber.cache;

import io.stratus.cloud.spi.CloudProvider;
import io.stratus.cloud.spi.compute.ServerProduct;
import io.stratus.common.cache.CacheWork;
import io.stratus.common.resource.kinds.Infrastructure;
import java.util.Optional;

/**
 * Server products (machine sizes): retired when the cloud stops offering one, back if it resumes.
 */
public final class ServerProductKind extends TableKind<ServerProduct> {
  public ServerProductKind() {
    super(
        "server-product",
        ServerProduct::id,
        KindTable.<ServerProduct>of(Infrastructure.SERVER_PRODUCT)
            .state(p -> "active")
            .column("name", ServerProduct::name)
            .column("cpu_count", ServerProduct::cpuCount)
            .column("ram_mb", ServerProduct::ramMb)
            .column("root_volume_gb", ServerProduct::rootVolumeGb)
            .revivable()
            .build());
  }

  @Override
  public Optional<Listing<ServerProduct>> listing(
      CloudProvider provider, CacheWork work, String region) {
    return provider
        .compute()
        .flatMap(c -> c.virtualMachines())
        .map(vms -> Listing.whole(vms::listProducts));
  }
}
