package io.stratus.cloud.local.daemon;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Images, volumes and snapshots. A volume is a sparse file of its size under {@code volumes/};
 * attaching links it into the VM's directory as {@code volumes/<device>} so the VM's process sees
 * it; a snapshot is a sparse copy under {@code snapshots/}; capturing a server records an image
 * that runs the same command.
 */
final class StorageService {
  private static final long GIB = 1024L * 1024 * 1024;

  private final CloudState state;
  private final ProcessVms processes;
  private final Path volumeDir;
  private final Path snapshotDir;

  StorageService(CloudState state, ProcessVms processes, Path dataDir) throws IOException {
    this.state = state;
    this.processes = processes;
    this.volumeDir = OwnerOnly.directory(dataDir.resolve("volumes"));
    this.snapshotDir = OwnerOnly.directory(dataDir.resolve("snapshots"));
    OwnerOnly.narrow(volumeDir, 1);
    OwnerOnly.narrow(snapshotDir, 1);
  }

  // ---- images

  Records.Image image(String regionId, String imageId) {
    return LiveRecords.IMAGES.one(state.region(regionId).images, imageId);
  }

  List<Records.Image> images(String regionId) {
    return LiveRecords.IMAGES.all(state.region(regionId).images);
  }

  Records.Image capture(String regionId, String vmId, String name) {
    RegionState region = state.region(regionId);
    if (name == null || name.isBlank() || name.length() > 100) {
      throw ApiException.badRequest("an image needs a name of 1..100 characters");
    }
    synchronized (state) {
      Records.Vm vm = LiveRecords.vmNotTerminated(region, vmId, "capture");
      Records.Image source = image(regionId, vm.imageId);
      Records.Image image = new Records.Image();
      image.id = region.nextId("img");
      image.region = regionId;
      image.name = name;
      image.description = "captured from " + vmId;
      image.command = new ArrayList<>(source.command);
      image.readiness = source.readiness;
      image.agent = source.agent;
      image.sourceVmId = vmId;
      image.state = "ACTIVE";
      region.images.put(image.id, image);
      state.changed(region);
      return image;
    }
  }

  void removeImage(String regionId, String imageId) {
    RegionState region = state.region(regionId);
    synchronized (state) {
      Records.Image image = image(regionId, imageId);
      if (image.builtin) {
        throw new ApiException(
            403, "Forbidden", "catalogue image " + imageId + " cannot be removed");
      }
      image.state = "DELETED";
      state.changed(region);
    }
  }

  // ---- volumes

  Records.Volume volume(String regionId, String volumeId) {
    return LiveRecords.VOLUMES.one(state.region(regionId).volumes, volumeId);
  }

  List<Records.Volume> volumes(String regionId) {
    return LiveRecords.VOLUMES.all(state.region(regionId).volumes);
  }

  Records.Volume createVolume(String regionId, String name, Integer sizeGb, String dataCenter) {
    RegionState region = state.region(regionId);
    if (sizeGb == null || sizeGb < Catalogue.MIN_VOLUME_GB || sizeGb > Catalogue.MAX_VOLUME_GB) {
      throw ApiException.badRequest(
          "sizeGb must be "
              + Catalogue.MIN_VOLUME_GB
              + ".."
              + Catalogue.MAX_VOLUME_GB
              + ", not "
              + sizeGb);
    }
    if (name == null || name.isBlank() || name.length() > 100) {
      throw ApiException.badRequest("a volume needs a name of 1..100 characters");
    }
    String dc = dataCenter == null ? regionId + "a" : dataCenter;
    if (!Catalogue.dataCenters(regionId).contains(dc)) {
      throw ApiException.badRequest("unknown data centre '" + dc + "'");
    }
    synchronized (state) {
      Records.Volume volume = new Records.Volume();
      volume.id = region.nextId("vol");
      volume.region = regionId;
      volume.dataCenter = dc;
      volume.name = name;
      volume.sizeGb = sizeGb;
      volume.state = "AVAILABLE";
      if (!state.regionSettings(regionId).simulated()) {
        sparseFile(volumeDir.resolve(volume.id + ".img"), sizeGb * GIB);
      }
      region.volumes.put(volume.id, volume);
      state.changed(region);
      return volume;
    }
  }

  void attach(String regionId, String volumeId, String vmId, String device) {
    RegionState region = state.region(regionId);
    if (device == null || !device.matches("[a-z0-9]{1,16}")) {
      throw ApiException.badRequest("device must be 1..16 lower-case letters or digits, e.g. vdb");
    }
    synchronized (state) {
      Records.Volume volume = volume(regionId, volumeId);
      Records.Vm vm = LiveRecords.vmNotTerminated(region, vmId, "attach to");
      if (!"AVAILABLE".equals(volume.state)) {
        throw ApiException.conflict("volume " + volumeId + " is " + volume.state.toLowerCase());
      }
      boolean deviceTaken =
          region.volumes.values().stream()
              .anyMatch(v -> vmId.equals(v.vmId) && device.equals(v.device));
      if (deviceTaken) {
        throw ApiException.conflict("device " + device + " of VM " + vmId + " is in use");
      }
      if (!vm.simulated) {
        link(
            processes.vmDir(vmId).resolve("volumes").resolve(device),
            volumeDir.resolve(volumeId + ".img"));
      }
      volume.vmId = vmId;
      volume.device = device;
      volume.state = "ATTACHED";
      state.changed(region);
    }
  }

  void detach(String regionId, String volumeId) {
    RegionState region = state.region(regionId);
    synchronized (state) {
      Records.Volume volume = volume(regionId, volumeId);
      if (!"ATTACHED".equals(volume.state)) {
        throw ApiException.conflict("volume " + volumeId + " is not attached");
      }
      try {
        Files.deleteIfExists(
            processes.vmDir(volume.vmId).resolve("volumes").resolve(volume.device));
      } catch (IOException e) {
        throw new ApiException(500, "InternalError", "cannot unlink the volume: " + e.getMessage());
      }
      volume.vmId = null;
      volume.device = null;
      volume.state = "AVAILABLE";
      state.changed(region);
    }
  }

  void removeVolume(String regionId, String volumeId) {
    RegionState region = state.region(regionId);
    synchronized (state) {
      Records.Volume volume = volume(regionId, volumeId);
      if ("ATTACHED".equals(volume.state)) {
        throw ApiException.conflict("detach volume " + volumeId + " before removing it");
      }
      deleteQuietly(volumeDir.resolve(volumeId + ".img"));
      volume.state = "DELETED";
      state.changed(region);
    }
  }

  // ---- snapshots

  Records.Snapshot snapshot(String regionId, String snapshotId) {
    return LiveRecords.SNAPSHOTS.one(state.region(regionId).snapshots, snapshotId);
  }

  List<Records.Snapshot> snapshots(String regionId) {
    return LiveRecords.SNAPSHOTS.all(state.region(regionId).snapshots);
  }

  Records.Snapshot createSnapshot(String regionId, String volumeId, String name) {
    RegionState region = state.region(regionId);
    synchronized (state) {
      Records.Volume volume = volume(regionId, volumeId);
      Records.Snapshot snapshot = new Records.Snapshot();
      snapshot.id = region.nextId("snap");
      snapshot.region = regionId;
      snapshot.volumeId = volumeId;
      snapshot.name = name == null || name.isBlank() ? "snapshot of " + volumeId : name;
      snapshot.sizeGb = volume.sizeGb;
      snapshot.state = "AVAILABLE";
      if (!state.regionSettings(regionId).simulated()) {
        sparseCopy(volumeDir.resolve(volumeId + ".img"), snapshotDir.resolve(snapshot.id + ".img"));
      }
      region.snapshots.put(snapshot.id, snapshot);
      state.changed(region);
      return snapshot;
    }
  }

  void removeSnapshot(String regionId, String snapshotId) {
    RegionState region = state.region(regionId);
    synchronized (state) {
      Records.Snapshot snapshot = snapshot(regionId, snapshotId);
      deleteQuietly(snapshotDir.resolve(snapshotId + ".img"));
      snapshot.state = "DELETED";
      state.changed(region);
    }
  }

  // ---- files

  private static void sparseFile(Path file, long bytes) {
    try (RandomAccessFile raf = new RandomAccessFile(ownerOnly(file).toFile(), "rw")) {
      raf.setLength(bytes);
    } catch (IOException e) {
      throw new ApiException(500, "InternalError", "cannot create volume file: " + e.getMessage());
    }
  }

  /** Copies a file, skipping runs of zeros so a sparse volume stays sparse. */
  private static void sparseCopy(Path from, Path to) {
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(from);
        RandomAccessFile out = new RandomAccessFile(ownerOnly(to).toFile(), "rw")) {
      long position = 0;
      int n;
      while ((n = in.readNBytes(buffer, 0, buffer.length)) > 0) {
        if (!allZero(buffer, n)) {
          out.seek(position);
          out.write(buffer, 0, n);
        }
        position += n;
      }
      out.setLength(position);
    } catch (IOException e) {
      throw new ApiException(500, "InternalError", "cannot copy volume: " + e.getMessage());
    }
  }

  /** A customer's disk: created empty and owner-only before anything is written to it. */
  private static Path ownerOnly(Path file) throws IOException {
    Files.deleteIfExists(file);
    return OwnerOnly.newFile(file);
  }

  private static boolean allZero(byte[] buffer, int n) {
    for (int i = 0; i < n; i++) {
      if (buffer[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static void link(Path link, Path target) {
    try {
      Files.createDirectories(link.getParent());
      Files.deleteIfExists(link);
      Files.createSymbolicLink(link, target);
    } catch (IOException e) {
      throw new ApiException(500, "InternalError", "cannot link the volume: " + e.getMessage());
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // the record is what counts; a leftover file is harmless
    }
  }
}
