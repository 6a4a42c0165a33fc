package io.stratus.cloud.local.driver;

import io.stratus.cloud.spi.compute.Snapshot;
import io.stratus.cloud.spi.compute.SnapshotSupport;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Snapshots of one local-cloud region (sparse copies of volume files). */
final class LocalSnapshotSupport implements SnapshotSupport {
  private final RegionCollection<Snapshot> snapshots;

  LocalSnapshotSupport(LocalApiClient api, String region) {
    this.snapshots = new RegionCollection<>(api, region, "snapshots", Json::snapshot);
  }

  @Override
  public Snapshot create(String volumeId, String name) {
    Map<String, Object> body = new HashMap<>();
    body.put("volumeId", volumeId);
    body.put("name", name);
    return snapshots.create(body);
  }

  @Override
  public List<Snapshot> list() {
    return snapshots.list();
  }

  @Override
  public Optional<Snapshot> get(String snapshotId) {
    return snapshots.get(snapshotId);
  }

  @Override
  public void remove(String snapshotId) {
    snapshots.delete(snapshotId);
  }
}
