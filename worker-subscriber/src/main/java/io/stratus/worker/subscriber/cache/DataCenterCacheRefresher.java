package io.stratus.worker.subscriber.cache;

import io.stratus.cloud.spi.CloudProvider;
import io.stratus.cloud.spi.dc.DataCenter;
import io.stratus.common.cache.CacheWork;
import io.stratus.worker.subscriber.CacheRefresher;
import io.stratus.worker.subscriber.cloud.CloudConnector;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The data-centres cache worker: makes the {@code data_center} rows of one region agree with the
 * cloud's list (new ones inserted, renamed ones updated, vanished ones marked inactive).
 */
public final class DataCenterCacheRefresher implements CacheRefresher {
  private final JdbcClient jdbc;
  private final CloudConnector connector;

  public DataCenterCacheRefresher(DataSource primary, CloudConnector connector) {
    this.jdbc = JdbcClient.create(primary);
    this.connector = connector;
  }

  @Override
  public void refresh(CacheWork work) {
    String providerRegion =
        jdbc.sql("SELECT provider_region_id FROM region WHERE id = ?")
            .param(work.regionId())
            .query(String.class)
            .single();
    List<DataCenter> dataCenters;
    try (CloudProvider provider = connector.connect(work.regionId())) {
      dataCenters = provider.dataCenters().listDataCenters(providerRegion);
    }
    Set<String> seen = new HashSet<>();
    for (DataCenter dc : dataCenters) {
      seen.add(dc.id());
      jdbc.sql(
              """
              INSERT INTO data_center (customer_id, region_id, provider_dc_id, name, status)
              VALUES (:customer, :region, :dc, :name, :status)
              ON DUPLICATE KEY UPDATE name = VALUES(name), status = VALUES(status)
              """)
          .param("customer", work.customerId())
          .param("region", work.regionId())
          .param("dc", dc.id())
          .param("name", dc.name())
          .param("status", dc.active() ? "active" : "inactive")
          .update();
    }
    List<String> known =
        jdbc.sql("SELECT provider_dc_id FROM data_center WHERE region_id = ? AND status = 'active'")
            .param(work.regionId())
            .query(String.class)
            .list();
    for (String dc : known) {
      if (!seen.contains(dc)) {
        jdbc.sql(
                "UPDATE data_center SET status = 'inactive' WHERE region_id = ? AND provider_dc_id = ?")
            .params(work.regionId(), dc)
            .update();
      }
    }
  }
}
