package io.stratus.cloud.local.driver;

import io.stratus.cloud.spi.compute.ImageCapabilities;
import io.stratus.cloud.spi.compute.ImageSupport;
import io.stratus.cloud.spi.compute.MachineImage;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Images of one local-cloud region: the catalogue plus captured servers. */
final class LocalImageSupport implements ImageSupport {
  private final LocalApiClient api;
  private final String base;

  LocalImageSupport(LocalApiClient api, String base) {
    this.api = api;
    this.base = base + "/images";
  }

  @Override
  public ImageCapabilities capabilities() {
    return new ImageCapabilities(true, true);
  }

  @Override
  public List<MachineImage> list() {
    return Json.items(api.get(base), Json::image);
  }

  @Override
  public Optional<MachineImage> get(String imageId) {
    return api.find(base + "/" + LocalVirtualMachineSupport.encode(imageId)).map(Json::image);
  }

  @Override
  public MachineImage capture(String vmId, String name) {
    return Json.image(api.post(base, Map.of("vmId", vmId, "name", name)));
  }

  @Override
  public void remove(String imageId) {
    api.delete(base + "/" + LocalVirtualMachineSupport.encode(imageId));
  }
}
