package io.stratus.worker.subscriber.cache;

import io.stratus.cloud.spi.CloudProvider;
import io.stratus.cloud.spi.compute.VolumeProduct;
import io.stratus.common.cache.CacheWork;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Volume products: retired when the cloud stops offering one, back if it resumes. */
public final class VolumeProductKind implements CachedKind<VolumeProduct> {
  private static final RegionTable TABLE =
      new RegionTable("volume_product", "provider_product_id", "status", "retired");

  @Override
  public String resource() {
    return "volume-product";
  }

  @Override
  public Optional<Listing<VolumeProduct>> listing(
      CloudProvider provider, CacheWork work, String region) {
    return provider
        .compute()
        .flatMap(c -> c.volumes())
        .map(volumes -> Listing.whole(volumes::listProducts));
  }

  @Override
  public String providerId(VolumeProduct product) {
    return product.id();
  }

  @Override
  public List<Object> values(VolumeProduct p) {
    return Arrays.asList("active", p.name(), p.minSizeGb(), p.maxSizeGb());
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
               status, name, min_size_gb, max_size_gb
          FROM volume_product WHERE region_id = :region
        """;
  }

  @Override
  public String insertSql() {
    return """
        INSERT INTO volume_product (customer_id, cloud_account_id, region_id, provider_product_id,
                                    status, name, min_size_gb, max_size_gb)
        VALUES (?, ?, ?, ?, 'active', ?, ?, ?)
        """;
  }

  @Override
  public Object[] insertRow(CacheWork work, VolumeProduct p, RegionIds ids) {
    return new Object[] {
      work.customerId(),
      work.cloudAccountId(),
      work.regionId(),
      p.id(),
      p.name(),
      p.minSizeGb(),
      p.maxSizeGb()
    };
  }

  @Override
  public String updateSql() {
    return """
        UPDATE volume_product SET status = 'active', state_reason = NULL, name = ?,
               min_size_gb = ?, max_size_gb = ?
         WHERE id = ?
        """;
  }

  @Override
  public Object[] updateRow(long id, VolumeProduct p) {
    return new Object[] {p.name(), p.minSizeGb(), p.maxSizeGb(), id};
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
