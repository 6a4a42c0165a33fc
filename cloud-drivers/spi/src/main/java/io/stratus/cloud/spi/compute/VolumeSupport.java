package io.stratus.cloud.spi.compute;

import java.util.List;
import java.util.Optional;

/** Block volumes in one region. */
public interface VolumeSupport {
  VolumeCapabilities capabilities();

  /**
   * Creates a volume.
   *
   * @throws io.stratus.cloud.spi.CloudException INVALID_REQUEST for a size outside the capabilities
   */
  Volume create(String name, int sizeGb, String dataCenterId);

  void attach(String volumeId, String vmId, String device);

  void detach(String volumeId);

  void remove(String volumeId);

  List<Volume> list();

  Optional<Volume> get(String volumeId);

  List<VolumeProduct> listProducts();
}
