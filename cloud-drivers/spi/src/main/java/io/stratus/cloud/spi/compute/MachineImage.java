package io.stratus.cloud.spi.compute;

/**
 * A machine image.
 *
 * @param sourceVmId the machine it was captured from, or null for a catalogue image
 * @param runsAgent whether a machine launched from it runs the Stratus guest agent (only such
 *     launches are given an agent bootstrap token)
 * @param architecture the CPU architecture its machines run on, or null when the cloud does not say
 */
public record MachineImage(
    String id,
    String name,
    String description,
    String platform,
    ImageState state,
    boolean isPublic,
    String sourceVmId,
    boolean runsAgent,
    Architecture architecture) {

  /** An image whose architecture the cloud does not say. */
  public MachineImage(
      String id,
      String name,
      String description,
      String platform,
      ImageState state,
      boolean isPublic,
      String sourceVmId,
      boolean runsAgent) {
    this(id, name, description, platform, state, isPublic, sourceVmId, runsAgent, null);
  }

  /** An image that runs no guest agent. */
  public MachineImage(
      String id,
      String name,
      String description,
      String platform,
      ImageState state,
      boolean isPublic,
      String sourceVmId) {
    this(id, name, description, platform, state, isPublic, sourceVmId, false);
  }
}
