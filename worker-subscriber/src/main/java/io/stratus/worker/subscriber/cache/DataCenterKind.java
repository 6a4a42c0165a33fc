package io.stratus.worker.subscriber.cache;

import io.stratus.cloud.spi.CloudProvider;
import io.stratus.cloud.spi.dc.DataCenter;
import io.stratus.common.cache.CacheWork;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Data centres: made inactive when the cloud stops offering them, active again when it resumes. */
public final class DataCenterKind implements CachedKind<DataCenter> {
  private static final RegionTable TABLE =
      new RegionTable("data_center", "provider_dc_id", "status", "inactive");

  @Override
  public String resource() {
    return "data-center";
  }

  @Override
  public Optional<Listing<DataCenter>> listing(
      CloudProvider provider, CacheWork work, String region) {
    return Optional.of(Listing.whole(() -> provider.dataCenters().listDataCenters(region)));
  }

  @Override
  public String providerId(DataCenter dc) {
    return dc.id();
  }

  @Override
  public List<Object> values(DataCenter dc) {
    return Arrays.asList(status(dc), dc.name());
  }

  @Override
  public String goneState() {
    return TABLE.goneState();
  }

  @Override
  public boolean goneInCloud(DataCenter dc) {
    return !dc.active();
  }

  @Override
  public boolean revivable() {
    return true;
  }

  @Override
  public String knownSql() {
    return """
        SELECT id, provider_dc_id, status = 'inactive' AS gone, status, name
          FROM data_center WHERE region_id = :region
        """;
  }

  @Override
  public String insertSql() {
    return """
        INSERT INTO data_center (customer_id, region_id, provider_dc_id, name, status)
        VALUES (?, ?, ?, ?, ?)
        """;
  }

  @Override
  public Object[] insertRow(CacheWork work, DataCenter dc, RegionIds ids) {
    return new Object[] {work.customerId(), work.regionId(), dc.id(), dc.name(), status(dc)};
  }

  @Override
  public String updateSql() {
    return "UPDATE data_center SET status = ?, name = ?, state_reason = ? WHERE id = ?";
  }

  @Override
  public Object[] updateRow(long id, DataCenter dc) {
    return new Object[] {status(dc), dc.name(), dc.active() ? null : "inactive in the cloud", id};
  }

  @Override
  public String goneSql() {
    return TABLE.goneSql();
  }

  @Override
  public String idsSql() {
    return TABLE.idsSql();
  }

  private static String status(DataCenter dc) {
    return dc.active() ? "active" : "inactive";
  }
}
