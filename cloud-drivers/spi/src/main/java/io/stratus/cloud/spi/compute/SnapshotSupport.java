package io.stratus.cloud.spi.compute;

import java.util.List;
import java.util.Optional;

/** Volume snapshots in one region. */
public interface SnapshotSupport {
  Snapshot create(String volumeId, String name);

  List<Snapshot> list();

  Optional<Snapshot> get(String snapshotId);

  void remove(String snapshotId);
}
