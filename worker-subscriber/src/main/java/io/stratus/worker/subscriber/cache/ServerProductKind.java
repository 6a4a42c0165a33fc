package io.stratus.worker.subscriber.cache;

import io.stratus.cloud.spi.CloudProvider;
import io.stratus.cloud.spi.compute.ServerProduct;
import io.stratus.common.cache.CacheWork;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Server products (machine sizes): retired when the cloud stops offering one, back if it resumes.
 */
public final class ServerProductKind implements CachedKind<ServerProduct> {
  private static final RegionTable TABLE =
      new RegionTable("server_product", "provider_product_id", "status", "retired");

  @Override
  public String resource() {
    return "server-product";
  }

  @Override
  public Optional<Listing<ServerProduct>> listing(
      CloudProvider provider, CacheWork work, String region) {
    return provider
        .compute()
        .flatMap(c -> c.virtualMachines())
        .map(vms -> Listing.whole(vms::listProducts));
  }

  @Override
  public String providerId(ServerProduct product) {
    return product.id();
  }

  @Override
  public List<Object> values(ServerProduct p) {
    return Arrays.asList("active", p.name(), p.cpuCount(), p.ramMb(), p.rootVolumeGb());
  }

  @Override
  public String goneState() {
    return TABLE.goneState();
  }

  @Override
  public boolean revivable() {
    return true;
  }

  @Override
  public String knownSql() {
    return """
        SELECT id, provider_product_id, status = 'retired' AS gone,
               status, name, cpu_count, ram_mb, root_volume_gb
          FROM server_product WHERE region_id = :region
        """;
  }

  @Override
  public String insertSql() {
    return """
        INSERT INTO server_product (customer_id, cloud_account_id, region_id, provider_product_id,
                                    status, name, cpu_count, ram_mb, root_volume_gb)
        VALUES (?, ?, ?, ?, 'active', ?, ?, ?, ?)
        """;
  }

  @Override
  public Object[] insertRow(CacheWork work, ServerProduct p, RegionIds ids) {
    return new Object[] {
      work.customerId(),
      work.cloudAccountId(),
      work.regionId(),
      p.id(),
      p.name(),
      p.cpuCount(),
      p.ramMb(),
      p.rootVolumeGb()
    };
  }

  @Override
  public String updateSql() {
    return """
        UPDATE server_product SET status = 'active', state_reason = NULL, name = ?,
               cpu_count = ?, ram_mb = ?, root_volume_gb = ?
         WHERE id = ?
        """;
  }

  @Override
  public Object[] updateRow(long id, ServerProduct p) {
    return new Object[] {p.name(), p.cpuCount(), p.ramMb(), p.rootVolumeGb(), id};
  }

  @Override
  public String goneSql() {
    return TABLE.goneSql();
  }

  @Override
  public String idsSql() {
    return TABLE.idsSql();
  }
}
