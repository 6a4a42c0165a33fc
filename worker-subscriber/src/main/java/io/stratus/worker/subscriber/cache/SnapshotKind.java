package io.stratus.worker.subscriber.cache;

import io.stratus.cloud.spi.CloudProvider;
import io.stratus.cloud.spi.compute.Snapshot;
import io.stratus.cloud.spi.compute.SnapshotState;
import io.stratus.common.cache.CacheWork;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Snapshots, with the volume each was taken from (by the volume's cloud id). */
public final class SnapshotKind implements CachedKind<Snapshot> {
  private static final RegionTable TABLE =
      new RegionTable("snapshot", "provider_snapshot_id", "state", "deleted");

  @Override
  public String resource() {
    return "snapshot";
  }

  @Override
  public Optional<Listing<Snapshot>> listing(
      CloudProvider provider, CacheWork work, String region) {
    return provider.compute().flatMap(c -> c.snapshots()).map(s -> Listing.whole(s::list));
  }

  @Override
  public String providerId(Snapshot snapshot) {
    return snapshot.id();
  }

  @Override
  public List<Object> values(Snapshot s) {
    return Arrays.asList(state(s), s.name(), s.sizeGb());
  }

  @Override
  public String goneState() {
    return TABLE.goneState();
  }

  @Override
  public boolean goneInCloud(Snapshot snapshot) {
    return snapshot.state() == SnapshotState.DELETED;
  }

  @Override
  public String knownSql() {
    return """
        SELECT id, provider_snapshot_id, state = 'deleted' AS gone, state, name, size_gb
          FROM snapshot WHERE region_id = :region AND provider_snapshot_id IS NOT NULL
        """;
  }

  @Override
  public String pendingSql() {
    return TABLE.pendingSql();
  }

  @Override
  public String insertSql() {
    return """
        INSERT INTO snapshot (customer_id, cloud_account_id, region_id, provider_snapshot_id,
                              state, name, size_gb, volume_id)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        """;
  }

  @Override
  public Object[] insertRow(CacheWork work, Snapshot s, RegionIds ids) {
    return new Object[] {
      work.customerId(),
      work.cloudAccountId(),
      work.regionId(),
      s.id(),
      state(s),
      s.name(),
      s.sizeGb(),
      ids.of("volume", "provider_volume_id", s.volumeId())
    };
  }

  @Override
  public String updateSql() {
    return "UPDATE snapshot SET state = ?, name = ?, size_gb = ?, state_reason = ? WHERE id = ?";
  }

  @Override
  public Object[] updateRow(long id, Snapshot s) {
    return new Object[] {
      state(s),
      s.name(),
      s.sizeGb(),
      s.state() == SnapshotState.DELETED ? "deleted in the cloud" : null,
      id
    };
  }

  @Override
  public String goneSql() {
    return TABLE.goneSql();
  }

  @Override
  public String idsSql() {
    return TABLE.idsSql();
  }

  private static String state(Snapshot s) {
    return s.state().name().toLowerCase(Locale.ROOT);
  }
}
