package io.stratus.worker.subscriber.cache;

import io.stratus.cloud.spi.CloudProvider;
import io.stratus.cloud.spi.compute.Volume;
import io.stratus.cloud.spi.compute.VolumeState;
import io.stratus.common.cache.CacheWork;
import io.stratus.common.resource.kinds.Geography;
import io.stratus.common.resource.kinds.Infrastructure;
import java.util.Optional;

/** Volumes, with the server each is attached to (by the machine's cloud id) and its device. */
public final class VolumeKind extends TableKind<Volume> {
  public VolumeKind() {
    super(
        "volume",
        Volume::id,
        KindTable.<Volume>of(Infrastructure.VOLUME)
            .state(v -> stateOf(v.state()))
            .endsWhen(v -> v.state() == VolumeState.DELETED, "deleted in the cloud")
            .column("name", Volume::name)
            .column("size_gb", Volume::sizeGb)
            .reference("server_id", Infrastructure.SERVER, Volume::vmId)
            .column("device_name", Volume::device)
            .insertedReference("data_center_id", Geography.DATA_CENTER, Volume::dataCenterId)
            .whenGone("server_id = NULL")
            .whenGone("device_name = NULL")
            .holdsBackForCreates()
            .build());
  }

  @Override
  public Optional<Listing<Volume>> listing(CloudProvider provider, CacheWork work, String region) {
    return provider.compute().flatMap(c -> c.volumes()).map(v -> Listing.whole(v::list));
  }
}
