package io.stratus.cloud.local.driver;

import io.stratus.cloud.spi.compute.Snapshot;
import io.stratus.cloud.spi.compute.SnapshotSupport;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Snapshots of one local-cloud region (sparse copies of volume files). */
final class LocalSnapshotSupport implements SnapshotSupport {
  private final LocalApiClient api;
  private final String base;

  LocalSnapshotSupport(LocalApiClient api, String region) {
    this.api = api;
    this.base = region + "/snapshots";
  }

  @Override
  public Snapshot create(String volumeId, String name) {
    Map<String, Object> body = new HashMap<>();
    body.put("volumeId", volumeId);
    body.put("name", name);
    return Json.snapshot(api.post(base, body));
  }

  @Override
  public List<Snapshot> list() {
    return Json.items(api.get(base), Json::snapshot);
  }

  @Override
  public Optional<Snapshot> get(String snapshotId) {
    return api.find(base + "/" + LocalVirtualMachineSupport.encode(snapshotId)).map(Json::snapshot);
  }

  @Override
  public void remove(String snapshotId) {
    api.delete(base + "/" + LocalVirtualMachineSupport.encode(snapshotId));
  }
}
