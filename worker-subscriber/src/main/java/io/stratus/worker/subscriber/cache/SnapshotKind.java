package io.stratus.worker.subscriber.cache;

import io.stratus.cloud.spi.CloudProvider;
import io.stratus.cloud.spi.compute.Snapshot;
import io.stratus.cloud.spi.compute.SnapshotState;
import io.stratus.common.cache.CacheWork;
import io.stratus.common.resource.kinds.Infrastructure;
import java.util.Optional;

/** Snapshots, with the volume each was taken from (by the volume's cloud id). */
public final class SnapshotKind extends TableKind<Snapshot> {
  public SnapshotKind() {
    super(
        "snapshot",
        Snapshot::id,
        KindTable.<Snapshot>of(Infrastructure.SNAPSHOT)
            .state(s -> stateOf(s.state()))
            .endsWhen(s -> s.state() == SnapshotState.DELETED, "deleted in the cloud")
            .column("name", Snapshot::name)
            .column("size_gb", Snapshot::sizeGb)
            .insertedReference("volume_id", Infrastructure.VOLUME, Snapshot::volumeId)
            .holdsBackForCreates()
            .build());
  }

  @Override
  public Optional<Listing<Snapshot>> listing(
      CloudProvider provider, CacheWork work, String region) {
    return provider.compute().flatMap(c -> c.snapshots()).map(s -> Listing.whole(s::list));
  }
}
