package io.stratus.worker.subscriber.cache;

import io.stratus.cloud.spi.CloudProvider;
import io.stratus.cloud.spi.compute.VolumeProduct;
import io.stratus.common.cache.CacheWork;
import io.stratus.common.resource.kinds.Infrastructure;
import java.util.Optional;

/** Volume products: retired when the cloud stops offering one, back if it resumes. */
public final class VolumeProductKind extends TableKind<VolumeProduct> {
  public VolumeProductKind() {
    super(
        "volume-product",
        VolumeProduct::id,
        KindTable.<VolumeProduct>of(Infrastructure.VOLUME_PRODUCT)
            .state(p -> "active")
            .column("name", VolumeProduct::name)
            .column("min_size_gb", VolumeProduct::minSizeGb)
            .column("max_size_gb", VolumeProduct::maxSizeGb)
            .revivable()
            .build());
  }

  @Override
  public Optional<Listing<VolumeProduct>> listing(
      CloudProvider provider, CacheWork work, String region) {
    return provider
        .compute()
        .flatMap(c -> c.volumes())
        .map(volumes -> Listing.whole(volumes::listProducts));
  }
}
