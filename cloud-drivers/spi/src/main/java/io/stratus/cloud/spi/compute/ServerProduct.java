package io.stratus.cloud.spi.compute;

/**
 * A machine size: CPUs, memory and root disk.
 *
 * @param architecture the CPU architecture of its CPUs, or null when the cloud does not say
 */
public record ServerProduct(
    String id, String name, int cpuCount, int ramMb, int rootVolumeGb, Architecture architecture) {

  /** A size whose architecture the cloud does not say. */
  public ServerProduct(String id, String name, int cpuCount, int ramMb, int rootVolumeGb) {
    this(id, name, cpuCount, ramMb, rootVolumeGb, null);
  }
}
