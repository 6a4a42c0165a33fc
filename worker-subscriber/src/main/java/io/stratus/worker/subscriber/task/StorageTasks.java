package io.stratus.worker.subscriber.task;

import io.stratus.cloud.spi.CloudProvider;
import io.stratus.cloud.spi.compute.ImageSupport;
import io.stratus.cloud.spi.compute.MachineImage;
import io.stratus.cloud.spi.compute.Snapshot;
import io.stratus.cloud.spi.compute.SnapshotSupport;
import io.stratus.cloud.spi.compute.Volume;
import io.stratus.cloud.spi.compute.VolumeSupport;
import io.stratus.common.job.Action;
import io.stratus.common.task.Task;
import io.stratus.common.task.TaskHandler;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Volume, snapshot and image tasks. Each records the cloud's id on its row as soon as the cloud has
 * made the resource, so a repeated attempt finds it instead of making a second one.
 */
public final class StorageTasks {
  private StorageTasks() {}

  public static Map<String, TaskHandler> handlers(TaskContext context) {
    return Map.of(
        Action.VOLUME_CREATE.kind(), new ResourceStep(context, StorageTasks::createVolume),
        Action.VOLUME_ATTACH.kind(), new ResourceStep(context, StorageTasks::attachVolume),
        Action.VOLUME_DETACH.kind(), new ResourceStep(context, StorageTasks::detachVolume),
        Action.VOLUME_REMOVE.kind(), new ResourceStep(context, StorageTasks::removeVolume),
        Action.SNAPSHOT_CREATE.kind(), new ResourceStep(context, StorageTasks::createSnapshot),
        Action.SNAPSHOT_REMOVE.kind(), new ResourceStep(context, StorageTasks::removeSnapshot),
        Action.IMAGE_CAPTURE.kind(), new ResourceStep(context, StorageTasks::captureImage),
        Action.IMAGE_REMOVE.kind(), new ResourceStep(context, StorageTasks::removeImage));
  }

  private static VolumeSupport volumes(CloudProvider provider) {
    return provider
        .compute()
        .flatMap(c -> c.volumes())
        .orElseThrow(() -> CloudTask.missing("volumes"));
  }

  private static SnapshotSupport snapshots(CloudProvider provider) {
    return provider
        .compute()
        .flatMap(c -> c.snapshots())
        .orElseThrow(() -> CloudTask.missing("snapshots"));
  }

  private static ImageSupport images(CloudProvider provider) {
    return provider
        .compute()
        .flatMap(c -> c.images())
        .orElseThrow(() -> CloudTask.missing("images"));
  }

  private static String state(Enum<?> state) {
    return state.name().toLowerCase(Locale.ROOT);
  }

  private static String createVolume(
      ResourceStep step, Task task, Map<String, Object> row, CloudProvider provider) {
    long id = CloudTask.id(row, "id");
    VolumeSupport volumes = volumes(provider);
    String providerId = (String) row.get("provider_volume_id");
    if (providerId == null) {
      String dc =
          row.get("data_center_id") == null
              ? null
              : step.jdbc
                  .sql("SELECT provider_dc_id FROM data_center WHERE id = ?")
                  .param(row.get("data_center_id"))
                  .query(String.class)
                  .single();
      Volume made =
          volumes.create((String) row.get("name"), ((Number) row.get("size_gb")).intValue(), dc);
      step.set("volume", id, "provider_volume_id", made.id());
      providerId = made.id();
    }
    Volume volume = volumes.get(providerId).orElseThrow(() -> CloudTask.gone("volume", id));
    step.settle("volume", "volume", task, id, state(volume.state()));
    return "volume " + id + " is " + state(volume.state());
  }

  private static String attachVolume(
      ResourceStep step, Task task, Map<String, Object> row, CloudProvider provider) {
    long id = CloudTask.id(row, "id");
    long serverId = CloudTask.payload(task).path("serverId").asLong();
    String device = CloudTask.payload(task).path("device").asText(null);
    if (device == null) {
      int attached =
          step.jdbc
              .sql("SELECT COUNT(*) FROM volume WHERE server_id = ? AND state = 'attached'")
              .param(serverId)
              .query(Integer.class)
              .single();
      device = "vd" + (char) ('b' + Math.min(attached, 24));
    }
    VolumeSupport volumes = volumes(provider);
    String providerId = (String) row.get("provider_volume_id");
    String vm = step.providerId("server", serverId);
    Volume now = volumes.get(providerId).orElseThrow(() -> CloudTask.gone("volume", id));
    if (!vm.equals(now.vmId())) {
      volumes.attach(providerId, vm, device);
      now = volumes.get(providerId).orElseThrow(() -> CloudTask.gone("volume", id));
    }
    step.jdbc
        .sql("UPDATE volume SET state = ?, server_id = ?, device_name = ? WHERE id = ?")
        .params(state(now.state()), serverId, now.device(), id)
        .update();
    step.event("volume", task, id, state(now.state()));
    return "volume "
        + id
        + " is attached to server "
        + serverId
        + (now.device() == null ? "" : " as " + now.device());
  }

  private static String detachVolume(
      ResourceStep step, Task task, Map<String, Object> row, CloudProvider provider) {
    long id = CloudTask.id(row, "id");
    VolumeSupport volumes = volumes(provider);
    String providerId = (String) row.get("provider_volume_id");
    Volume now = volumes.get(providerId).orElseThrow(() -> CloudTask.gone("volume", id));
    if (now.vmId() != null) {
      volumes.detach(providerId);
      now = volumes.get(providerId).orElseThrow(() -> CloudTask.gone("volume", id));
    }
    step.jdbc
        .sql("UPDATE volume SET state = ?, server_id = NULL, device_name = NULL WHERE id = ?")
        .params(state(now.state()), id)
        .update();
    step.event("volume", task, id, state(now.state()));
    return "volume " + id + " is detached";
  }

  private static String removeVolume(
      ResourceStep step, Task task, Map<String, Object> row, CloudProvider provider) {
    long id = CloudTask.id(row, "id");
    VolumeSupport volumes = volumes(provider);
    ResourceStep.removeIfLive(
        (String) row.get("provider_volume_id"),
        volumes::get,
        v -> !"DELETED".equals(v.state().name()),
        volumes::remove);
    step.settle("volume", "volume", task, id, "deleted");
    return "volume " + id + " is removed";
  }

  private static String createSnapshot(
      ResourceStep step, Task task, Map<String, Object> row, CloudProvider provider) {
    long id = CloudTask.id(row, "id");
    SnapshotSupport snapshots = snapshots(provider);
    String providerId = (String) row.get("provider_snapshot_id");
    if (providerId == null) {
      String volume = step.providerId("volume", row.get("volume_id"));
      Snapshot made = snapshots.create(volume, (String) row.get("name"));
      step.set("snapshot", id, "provider_snapshot_id", made.id());
      providerId = made.id();
    }
    Snapshot snapshot = snapshots.get(providerId).orElseThrow(() -> CloudTask.gone("snapshot", id));
    step.jdbc
        .sql("UPDATE snapshot SET state = ?, size_gb = ? WHERE id = ?")
        .params(state(snapshot.state()), snapshot.sizeGb(), id)
        .update();
    step.event("snapshot", task, id, state(snapshot.state()));
    return "snapshot " + id + " is " + state(snapshot.state());
  }

  private static String removeSnapshot(
      ResourceStep step, Task task, Map<String, Object> row, CloudProvider provider) {
    long id = CloudTask.id(row, "id");
    SnapshotSupport snapshots = snapshots(provider);
    ResourceStep.removeIfLive(
        (String) row.get("provider_snapshot_id"),
        snapshots::get,
        s -> !"DELETED".equals(s.state().name()),
        snapshots::remove);
    step.settle("snapshot", "snapshot", task, id, "deleted");
    return "snapshot " + id + " is removed";
  }

  private static String captureImage(
      ResourceStep step, Task task, Map<String, Object> row, CloudProvider provider) {
    long id = CloudTask.id(row, "id");
    ImageSupport images = images(provider);
    String providerId = (String) row.get("provider_image_id");
    Optional<MachineImage> existing =
        providerId.startsWith("pending-") ? Optional.empty() : images.get(providerId);
    MachineImage image;
    if (existing.isPresent()) {
      image = existing.get();
    } else {
      long serverId = CloudTask.payload(task).path("serverId").asLong();
      image = images.capture(step.providerId("server", serverId), (String) row.get("name"));
      step.set("machine_image", id, "provider_image_id", image.id());
    }
    step.set("machine_image", id, "runs_agent", image.runsAgent());
    step.set("machine_image", id, "platform", image.platform());
    step.set("machine_image", id, "architecture", AccountRegistration.name(image.architecture()));
    step.settle("machine_image", "image", task, id, state(image.state()));
    return "image " + id + " is " + state(image.state());
  }

  private static String removeImage(
      ResourceStep step, Task task, Map<String, Object> row, CloudProvider provider) {
    long id = CloudTask.id(row, "id");
    ImageSupport images = images(provider);
    // never null: a captured image's row names it "pending-…" until the cloud has made it
    ResourceStep.removeIfLive(
        (String) row.get("provider_image_id"),
        images::get,
        i -> !"DELETED".equals(i.state().name()),
        images::remove);
    step.settle("machine_image", "image", task, id, "deleted");
    return "image " + id + " is removed";
  }
}
