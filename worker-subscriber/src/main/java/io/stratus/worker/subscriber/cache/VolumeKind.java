package io.stratus.worker.subscriber.cache;

import io.stratus.cloud.spi.CloudProvider;
import io.stratus.cloud.spi.compute.Volume;
import io.stratus.cloud.spi.compute.VolumeState;
import io.stratus.common.cache.CacheWork;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Volumes, with the server each is attached to (by the machine's cloud id) and its device. */
public final class VolumeKind implements CachedKind<Volume> {
  private static final RegionTable TABLE =
      new RegionTable("volume", "provider_volume_id", "state", "deleted");

  @Override
  public String resource() {
    return "volume";
  }

  @Override
  public Optional<Listing<Volume>> listing(CloudProvider provider, CacheWork work, String region) {
    return provider.compute().flatMap(c -> c.volumes()).map(v -> Listing.whole(v::list));
  }

  @Override
  public String providerId(Volume volume) {
    return volume.id();
  }

  @Override
  public List<Object> values(Volume v) {
    return Arrays.asList(state(v), v.name(), v.sizeGb(), v.vmId(), v.device());
  }

  @Override
  public String goneState() {
    return TABLE.goneState();
  }

  @Override
  public boolean goneInCloud(Volume volume) {
    return volume.state() == VolumeState.DELETED;
  }

  @Override
  public String knownSql() {
    return """
        SELECT v.id, v.provider_volume_id, v.state = 'deleted' AS gone,
               v.state, v.name, v.size_gb, s.provider_server_id, v.device_name
          FROM volume v LEFT JOIN server s ON s.id = v.server_id
         WHERE v.region_id = :region AND v.provider_volume_id IS NOT NULL
        """;
  }

  @Override
  public String pendingSql() {
    return TABLE.pendingSql();
  }

  @Override
  public String insertSql() {
    return """
        INSERT INTO volume (customer_id, cloud_account_id, region_id, provider_volume_id,
                            state, name, size_gb, server_id, device_name, data_center_id)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """;
  }

  @Override
  public Object[] insertRow(CacheWork work, Volume v, RegionIds ids) {
    return new Object[] {
      work.customerId(),
      work.cloudAccountId(),
      work.regionId(),
      v.id(),
      state(v),
      v.name(),
      v.sizeGb(),
      ids.of("server", "provider_server_id", v.vmId()),
      v.device(),
      ids.of("data_center", "provider_dc_id", v.dataCenterId())
    };
  }

  @Override
  public String updateSql() {
    return """
        UPDATE volume v SET v.state = ?, v.name = ?, v.size_gb = ?,
               v.server_id = (SELECT s.id FROM server s
                               WHERE s.region_id = v.region_id AND s.provider_server_id = ?),
               v.device_name = ?, v.state_reason = ?
         WHERE v.id = ?
        """;
  }

  @Override
  public Object[] updateRow(long id, Volume v) {
    return new Object[] {
      state(v),
      v.name(),
      v.sizeGb(),
      v.vmId(),
      v.device(),
      v.state() == VolumeState.DELETED ? "deleted in the cloud" : null,
      id
    };
  }

  @Override
  public String goneSql() {
    return "UPDATE volume SET state = 'deleted', state_reason = ?, server_id = NULL,"
        + " device_name = NULL WHERE id = ?";
  }

  @Override
  public String idsSql() {
    return TABLE.idsSql();
  }

  private static String state(Volume v) {
    return v.state().name().toLowerCase(Locale.ROOT);
  }
}
