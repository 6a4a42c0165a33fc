package io.stratus.cloud.local.driver;

import io.stratus.cloud.spi.compute.Volume;
import io.stratus.cloud.spi.compute.VolumeCapabilities;
import io.stratus.cloud.spi.compute.VolumeProduct;
import io.stratus.cloud.spi.compute.VolumeSupport;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Volumes of one local-cloud region (sparse files on the daemon's host). */
final class LocalVolumeSupport implements VolumeSupport {
  private final LocalApiClient api;
  private final String region;
  private final RegionCollection<Volume> volumes;

  LocalVolumeSupport(LocalApiClient api, String region) {
    this.api = api;
    this.region = region;
    this.volumes = new RegionCollection<>(api, region, "volumes", Json::volume);
  }

  @Override
  public VolumeCapabilities capabilities() {
    // The daemon's own rule (StorageService.attach).
    return new VolumeCapabilities(
        1, 1024, true, true, "[a-z0-9]{1,16}", "1 to 16 lower-case letters or digits, such as vdb");
  }

  @Override
  public Volume create(String name, int sizeGb, String dataCenterId) {
    Map<String, Object> body = new HashMap<>();
    body.put("name", name);
    body.put("sizeGb", sizeGb);
    body.put("dataCenterId", dataCenterId);
    return volumes.create(body);
  }

  @Override
  public void attach(String volumeId, String vmId, String device) {
    volumes.act(volumeId, "attach", Map.of("vmId", vmId, "device", device));
  }

  @Override
  public void detach(String volumeId) {
    volumes.act(volumeId, "detach", Map.of());
  }

  @Override
  public void remove(String volumeId) {
    volumes.delete(volumeId);
  }

  @Override
  public List<Volume> list() {
    return volumes.list();
  }

  @Override
  public Optional<Volume> get(String volumeId) {
    return volumes.get(volumeId);
  }

  @Override
  public List<VolumeProduct> listProducts() {
    return Json.items(
        api.get(region + "/volume-products"),
        n ->
            new VolumeProduct(
                Json.text(n, "id"),
                Json.text(n, "name"),
                n.path("minSizeGb").asInt(),
                n.path("maxSizeGb").asInt()));
  }
}
