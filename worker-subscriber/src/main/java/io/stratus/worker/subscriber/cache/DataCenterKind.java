package io.stratus.worker.subscriber.cache;

import io.stratus.cloud.spi.CloudProvider;
import io.stratus.cloud.spi.dc.DataCenter;
import io.stratus.common.cache.CacheWork;
import io.stratus.common.resource.kinds.Geography;
import java.util.Optional;

/**
 * Data centres, the region's rather than an account's: made inactive when the cloud stops offering
 * them, active again when it resumes.
 */
public final class DataCenterKind extends TableKind<DataCenter> {
  public DataCenterKind() {
    super(
        "data-center",
        DataCenter::id,
        KindTable.<DataCenter>of(Geography.DATA_CENTER)
            .state("status", "inactive", dc -> dc.active() ? "active" : "inactive")
            .endsWhen(dc -> !dc.active(), "inactive in the cloud")
            .column("name", DataCenter::name)
            .withoutAccount()
            .revivable()
            .build());
  }

  @Override
  public Optional<Listing<DataCenter>> listing(
      CloudProvider provider, CacheWork work, String region) {
    return Optional.of(Listing.whole(() -> provider.dataCenters().listDataCenters(region)));
  }
}
