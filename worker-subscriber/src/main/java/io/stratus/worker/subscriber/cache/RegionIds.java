package io.stratus.worker.subscriber.cache;

import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Stratus' ids of the region's rows by the cloud's ids, for the references a new row holds (a
 * volume's server, a snapshot's volume, a rule's firewall), read once per table and refresh. They
 * are resolved here rather than by a subquery in the insert because Connector/J rewrites a batch
 * into one multi-row {@code INSERT} only when the statement holds no {@code SELECT}. A reference to
 * a row made after the read stays empty until the next refresh fills it in.
 */
public final class RegionIds {
  private final JdbcClient jdbc;
  private final long regionId;
  private final Map<String, Map<String, Long>> tables = new HashMap<>();

  RegionIds(JdbcClient jdbc, long regionId) {
    this.jdbc = jdbc;
    this.regionId = regionId;
  }

  /** The id of the row of {@code table} whose {@code providerColumn} is {@code providerId}. */
  Long of(String table, String providerColumn, String providerId) {
    if (providerId == null) {
      return null;
    }
    return tables
        .computeIfAbsent(table + "." + providerColumn, key -> read(table, providerColumn))
        .get(providerId);
  }

  private Map<String, Long> read(String table, String providerColumn) {
    Map<String, Long> ids = new HashMap<>();
    jdbc.sql(
            "SELECT %s, id FROM %s WHERE region_id = ? AND %s IS NOT NULL"
                .formatted(providerColumn, table, providerColumn))
        .param(regionId)
        .query(
            (org.springframework.jdbc.core.RowCallbackHandler)
                rs -> ids.put(rs.getString(1), rs.getLong(2)));
    return ids;
  }
}
