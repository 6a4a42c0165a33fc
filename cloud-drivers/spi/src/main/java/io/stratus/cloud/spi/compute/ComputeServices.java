package io.stratus.cloud.spi.compute;

import java.util.Optional;

/** Compute: each support is empty when the cloud lacks it. */
public interface ComputeServices {
  Optional<VirtualMachineSupport> virtualMachines();

  Optional<ImageSupport> images();

  Optional<VolumeSupport> volumes();

  Optional<SnapshotSupport> snapshots();
}
