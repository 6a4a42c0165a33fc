package io.stratus.cloud.spi.compute;

import io.stratus.cloud.spi.OperationNotSupportedException;
import java.util.List;
import java.util.Optional;

/** Machine images in one region. */
public interface ImageSupport {
  ImageCapabilities capabilities();

  List<MachineImage> list();

  Optional<MachineImage> get(String imageId);

  /** Makes an image of a machine (stopped or running, as the cloud allows). */
  default MachineImage capture(String vmId, String name) {
    throw new OperationNotSupportedException("capturing an image");
  }

  /** Removes an image this account owns. */
  default void remove(String imageId) {
    throw new OperationNotSupportedException("removing an image");
  }
}
