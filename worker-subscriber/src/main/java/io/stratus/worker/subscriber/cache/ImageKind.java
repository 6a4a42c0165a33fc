package io.stratus.worker.subscriber.cache;

import io.stratus.cloud.spi.CloudProvider;
import io.stratus.cloud.spi.compute.ImageState;
import io.stratus.cloud.spi.compute.MachineImage;
import io.stratus.common.cache.CacheWork;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Machine images, catalogue and captured. A capture Stratus asked for has a row named {@code
 * pending-<uuid>} until its task records the cloud's id: such rows are neither compared nor marked
 * gone, and while one is young no unknown image is inserted.
 */
public final class ImageKind implements CachedKind<MachineImage> {
  private static final RegionTable TABLE =
      new RegionTable("machine_image", "provider_image_id", "state", "deleted");

  @Override
  public String resource() {
    return "image";
  }

  @Override
  public Optional<Listing<MachineImage>> listing(
      CloudProvider provider, CacheWork work, String region) {
    return provider.compute().flatMap(c -> c.images()).map(images -> Listing.whole(images::list));
  }

  @Override
  public String providerId(MachineImage image) {
    return image.id();
  }

  @Override
  public List<Object> values(MachineImage image) {
    return Arrays.asList(
        state(image),
        image.name(),
        image.description(),
        image.platform(),
        image.isPublic(),
        image.runsAgent());
  }

  @Override
  public String goneState() {
    return TABLE.goneState();
  }

  @Override
  public boolean goneInCloud(MachineImage image) {
    return image.state() == ImageState.DELETED;
  }

  @Override
  public String knownSql() {
    return """
        SELECT id, provider_image_id, state = 'deleted' AS gone,
               state, name, description, platform, is_public, runs_agent
          FROM machine_image
         WHERE region_id = :region AND provider_image_id NOT LIKE 'pending-%'
        """;
  }

  @Override
  public String pendingSql() {
    return """
        SELECT COUNT(*) FROM machine_image
         WHERE region_id = :region AND provider_image_id LIKE 'pending-%' AND state <> 'deleted'
           AND created_at > DATE_SUB(NOW(3), INTERVAL 10 MINUTE)
        """;
  }

  @Override
  public String insertSql() {
    return """
        INSERT INTO machine_image (customer_id, cloud_account_id, region_id, provider_image_id,
                                   state, name, description, platform, is_public, runs_agent)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """;
  }

  @Override
  public Object[] insertRow(CacheWork work, MachineImage image, RegionIds ids) {
    return new Object[] {
      work.customerId(),
      work.cloudAccountId(),
      work.regionId(),
      image.id(),
      state(image),
      image.name(),
      image.description(),
      image.platform(),
      image.isPublic(),
      image.runsAgent()
    };
  }

  @Override
  public String updateSql() {
    return """
        UPDATE machine_image SET state = ?, name = ?, description = ?, platform = ?,
               is_public = ?, runs_agent = ?, state_reason = ?
         WHERE id = ?
        """;
  }

  @Override
  public Object[] updateRow(long id, MachineImage image) {
    return new Object[] {
      state(image),
      image.name(),
      image.description(),
      image.platform(),
      image.isPublic(),
      image.runsAgent(),
      image.state() == ImageState.DELETED ? "deleted in the cloud" : null,
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

  private static String state(MachineImage image) {
    return image.state().name().toLowerCase(Locale.ROOT);
  }
}
