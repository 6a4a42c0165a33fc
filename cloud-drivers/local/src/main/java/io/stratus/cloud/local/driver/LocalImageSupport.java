package io.stratus.cloud.local.driver;

import io.stratus.cloud.spi.compute.ImageCapabilities;
import io.stratus.cloud.spi.compute.ImageSupport;
import io.stratus.cloud.spi.compute.MachineImage;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Images of one local-cloud region: the catalogue plus captured servers. */
final class LocalImageSupport implements ImageSupport {
  private final RegionCollection<MachineImage> images;

  LocalImageSupport(LocalApiClient api, String region) {
    this.images = new RegionCollection<>(api, region, "images", Json::image);
  }

  @Override
  public ImageCapabilities capabilities() {
    return new ImageCapabilities(true, true);
  }

  @Override
  public List<MachineImage> list() {
    return images.list();
  }

  @Override
  public Optional<MachineImage> get(String imageId) {
    return images.get(imageId);
  }

  @Override
  public MachineImage capture(String vmId, String name) {
    return images.create(Map.of("vmId", vmId, "name", name));
  }

  @Override
  public void remove(String imageId) {
    images.delete(imageId);
  }
}
