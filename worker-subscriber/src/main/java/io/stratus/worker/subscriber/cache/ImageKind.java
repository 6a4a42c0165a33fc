package io.stratus.worker.subscriber.cache;

import io.stratus.cloud.spi.CloudProvider;
import io.stratus.cloud.spi.compute.ImageState;
import io.stratus.cloud.spi.compute.MachineImage;
import io.stratus.common.cache.CacheWork;
import io.stratus.common.resource.kinds.Infrastructure;
import java.util.Optional;

/**
 * Machine images, catalogue and captured. A capture Stratus asked for has a row named {@code
 * pending-<uuid>} until its task records the cloud's id: such rows are neither compared nor marked
 * gone, and while one is young no unknown image is inserted.
 */
public final class ImageKind extends TableKind<MachineImage> {
  public ImageKind() {
    super(
        "image",
        MachineImage::id,
        KindTable.<MachineImage>of(Infrastructure.MACHINE_IMAGE)
            .state(image -> stateOf(image.state()))
            .endsWhen(image -> image.state() == ImageState.DELETED, "deleted in the cloud")
            .column("name", MachineImage::name)
            .column("description", MachineImage::description)
            .column("platform", MachineImage::platform)
            .column("is_public", MachineImage::isPublic)
            .column("runs_agent", MachineImage::runsAgent)
            .holdsBackForCreatesNamed("pending-%")
            .build());
  }

  @Override
  public Optional<Listing<MachineImage>> listing(
      CloudProvider provider, CacheWork work, String region) {
    return provider.compute().flatMap(c -> c.images()).map(images -> Listing.whole(images::list));
  }
}
