package io.stratus.worker.subscriber.task;

import io.stratus.cloud.spi.CapabilitySnapshot;
import io.stratus.cloud.spi.CloudException;
import io.stratus.cloud.spi.CloudProvider;
import io.stratus.cloud.spi.compute.Architecture;
import io.stratus.cloud.spi.compute.ComputeServices;
import io.stratus.cloud.spi.compute.ImageSupport;
import io.stratus.cloud.spi.compute.MachineImage;
import io.stratus.cloud.spi.compute.ServerProduct;
import io.stratus.cloud.spi.compute.VirtualMachineSupport;
import io.stratus.cloud.spi.compute.VolumeProduct;
import io.stratus.cloud.spi.compute.VolumeSupport;
import io.stratus.cloud.spi.dc.DataCenter;
import io.stratus.cloud.spi.dc.Region;
import io.stratus.common.messaging.MessageCodec;
import io.stratus.common.task.RecoverableTaskException;
import io.stratus.common.task.Task;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Registers a cloud account: tests the connection with the stored credentials, takes the account's
 * capabilities (as its first region's services report them), and discovers its regions, data
 * centres, images, server products and volume products. The account becomes active at the end (and
 * the publisher then starts polling it); a refused connection marks it {@code error} with the
 * cloud's message and fails the job.
 */
final class AccountRegistration extends CloudTask {
  AccountRegistration(TaskContext context) {
    super(context);
  }

  @Override
  public void execute(Task task) throws Exception {
    long accountId = resourceId(task);
    Map<String, Object> account = row("cloud_account", accountId);
    long customerId = id(account, "customer_id");
    CloudProvider connected;
    try {
      connected = context.connector().connectAccount(accountId);
    } catch (CloudException e) {
      markError(accountId, e.getMessage());
      throw e;
    }
    try (CloudProvider provider = connected) {
      progress(task, 10, "testing the connection to the cloud");
      try {
        run(provider::testConnection);
      } catch (CloudException e) {
        if (!e.isRetryable()) {
          markError(accountId, e.getMessage());
        }
        throw e;
      }
      CapabilitySnapshot capabilities = null;
      int regions = 0;
      int dataCenters = 0;
      for (Region region : call(() -> provider.dataCenters().listRegions())) {
        long regionId = upsertRegion(customerId, accountId, region);
        regions++;
        for (DataCenter dc : call(() -> provider.dataCenters().listDataCenters(region.id()))) {
          upsertDataCenter(customerId, regionId, dc);
          dataCenters++;
        }
        progress(task, 30, "discovered region " + region.id());
        try (CloudProvider inRegion = context.connector().connect(regionId)) {
          discoverCatalogue(customerId, accountId, regionId, inRegion);
          if (capabilities == null) {
            capabilities = CapabilitySnapshot.of(inRegion);
          }
        }
      }
      jdbc.sql(
              """
              UPDATE cloud_account SET status = 'active', status_message = NULL,
                     capabilities = :capabilities, last_tested_at = NOW(3)
               WHERE id = :id
              """)
          .param(
              "capabilities",
              MessageCodec.mapper()
                  .writeValueAsString(
                      capabilities != null ? capabilities : CapabilitySnapshot.of(provider)))
          .param("id", accountId)
          .update();
      event("account", task, accountId, "active");
      progress(
          task,
          99,
          "cloud account "
              + accountId
              + " is active: "
              + regions
              + " region(s), "
              + dataCenters
              + " data centre(s)");
    }
  }

  /** Records the region's images and server products, as the region's services list them. */
  private void discoverCatalogue(
      long customerId, long accountId, long regionId, CloudProvider provider)
      throws RecoverableTaskException {
    Optional<ComputeServices> compute = provider.compute();
    Optional<ImageSupport> images = compute.flatMap(ComputeServices::images);
    Optional<VirtualMachineSupport> vms = compute.flatMap(ComputeServices::virtualMachines);
    List<MachineImage> imageList = images.isPresent() ? call(images.get()::list) : List.of();
    List<ServerProduct> products = vms.isPresent() ? call(vms.get()::listProducts) : List.of();
    Optional<VolumeSupport> volumes = compute.flatMap(ComputeServices::volumes);
    List<VolumeProduct> volumeProducts =
        volumes.isPresent() ? call(volumes.get()::listProducts) : List.of();
    for (MachineImage image : imageList) {
      jdbc.sql(
              """
              INSERT INTO machine_image (customer_id, cloud_account_id, region_id,
                     provider_image_id, name, description, platform, architecture, state,
                     is_public, runs_agent)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
              ON DUPLICATE KEY UPDATE name = VALUES(name), description = VALUES(description),
                     platform = VALUES(platform), architecture = VALUES(architecture),
                     state = VALUES(state), runs_agent = VALUES(runs_agent)
              """)
          .params(
              customerId,
              accountId,
              regionId,
              image.id(),
              image.name(),
              image.description(),
              image.platform(),
              name(image.architecture()),
              image.state().name().toLowerCase(Locale.ROOT),
              image.isPublic(),
              image.runsAgent())
          .update();
    }
    for (ServerProduct product : products) {
      jdbc.sql(
              """
              INSERT INTO server_product (customer_id, cloud_account_id, region_id,
                     provider_product_id, name, cpu_count, ram_mb, root_volume_gb, architecture)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
              ON DUPLICATE KEY UPDATE name = VALUES(name), cpu_count = VALUES(cpu_count),
                     ram_mb = VALUES(ram_mb), root_volume_gb = VALUES(root_volume_gb),
                     architecture = VALUES(architecture)
              """)
          .params(
              customerId,
              accountId,
              regionId,
              product.id(),
              product.name(),
              product.cpuCount(),
              product.ramMb(),
              product.rootVolumeGb(),
              name(product.architecture()))
          .update();
    }
    upsertVolumeProducts(customerId, accountId, regionId, volumeProducts);
  }

  /** An architecture as stored (its enStratus name), or null when the cloud does not say. */
  static String name(Architecture architecture) {
    return architecture == null ? null : architecture.name();
  }

  /** Records the region's kinds of volume (their size limits). */
  private void upsertVolumeProducts(
      long customerId, long accountId, long regionId, List<VolumeProduct> products) {
    for (VolumeProduct product : products) {
      jdbc.sql(
              """
              INSERT INTO volume_product (customer_id, cloud_account_id, region_id,
                     provider_product_id, name, min_size_gb, max_size_gb)
              VALUES (?, ?, ?, ?, ?, ?, ?)
              ON DUPLICATE KEY UPDATE name = VALUES(name), min_size_gb = VALUES(min_size_gb),
                     max_size_gb = VALUES(max_size_gb)
              """)
          .params(
              customerId,
              accountId,
              regionId,
              product.id(),
              product.name(),
              product.minSizeGb(),
              product.maxSizeGb())
          .update();
    }
  }

  private long upsertRegion(long customerId, long accountId, Region region) {
    jdbc.sql(
            """
            INSERT INTO region (customer_id, cloud_account_id, provider_region_id, name,
                                jurisdiction, status)
            VALUES (?, ?, ?, ?, ?, ?)
            ON DUPLICATE KEY UPDATE name = VALUES(name), jurisdiction = VALUES(jurisdiction),
                                    status = VALUES(status)
            """)
        .params(
            customerId,
            accountId,
            region.id(),
            region.name(),
            region.jurisdiction(),
            region.active() ? "active" : "inactive")
        .update();
    return jdbc.sql("SELECT id FROM region WHERE cloud_account_id = ? AND provider_region_id = ?")
        .params(accountId, region.id())
        .query(Long.class)
        .single();
  }

  private void upsertDataCenter(long customerId, long regionId, DataCenter dc) {
    jdbc.sql(
            """
            INSERT INTO data_center (customer_id, region_id, provider_dc_id, name, status)
            VALUES (?, ?, ?, ?, ?)
            ON DUPLICATE KEY UPDATE name = VALUES(name), status = VALUES(status)
            """)
        .params(customerId, regionId, dc.id(), dc.name(), dc.active() ? "active" : "inactive")
        .update();
  }

  private void markError(long accountId, String message) {
    jdbc.sql(
            "UPDATE cloud_account SET status = 'error', status_message = ?, last_tested_at = NOW(3) WHERE id = ?")
        .params(message == null ? "the cloud refused the connection" : message, accountId)
        .update();
  }
}
