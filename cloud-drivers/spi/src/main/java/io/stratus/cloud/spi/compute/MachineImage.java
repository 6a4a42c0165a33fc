package io.stratus.cloud.spi.compute;

/**
 * A machine image.
 *
 * @param sourceVmId the machine it was captured from, or null for a catalogue image
 */
public record MachineImage(
    String id,
    String name,
    String description,
    String platform,
    ImageState state,
    boolean isPublic,
    String sourceVmId) {}
