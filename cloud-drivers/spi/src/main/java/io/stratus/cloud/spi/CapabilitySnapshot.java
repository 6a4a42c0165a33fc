package io.stratus.cloud.spi;

import io.stratus.cloud.spi.compute.ComputeServices;
import io.stratus.cloud.spi.compute.ImageCapabilities;
import io.stratus.cloud.spi.compute.VirtualMachineCapabilities;
import io.stratus.cloud.spi.compute.VolumeCapabilities;
import io.stratus.cloud.spi.network.NetworkServices;

/**
 * What one cloud account can do, taken once when the account is registered and kept with it, so the
 * Dispatcher can refuse an action the cloud cannot do without calling the cloud. A snapshot taken
 * before a field existed reads it as false or null: IPv6 rules are then refused and device names
 * get only the general check ({@link io.stratus.cloud.spi.compute.VolumeCheck}), and names are
 * described by their pattern, until the account's connection is tested again.
 */
public record CapabilitySnapshot(
    boolean servers,
    boolean requiresDataCenter,
    boolean supportsUserData,
    boolean supportsFirewalls,
    int maxNameLength,
    String namePattern,
    boolean images,
    boolean imageCapture,
    boolean imageRemove,
    boolean volumes,
    int volumeMinGb,
    int volumeMaxGb,
    boolean attachWhileRunning,
    boolean snapshots,
    boolean ipAddresses,
    boolean firewalls,
    boolean firewallIpv6,
    String deviceNamePattern,
    String deviceNameRule,
    String nameRule) {

  public static CapabilitySnapshot of(CloudProvider provider) {
    ComputeServices compute = provider.compute().orElse(null);
    NetworkServices network = provider.network().orElse(null);
    VirtualMachineCapabilities vm =
        compute == null ? null : compute.virtualMachines().map(v -> v.capabilities()).orElse(null);
    ImageCapabilities image =
        compute == null ? null : compute.images().map(i -> i.capabilities()).orElse(null);
    VolumeCapabilities volume =
        compute == null ? null : compute.volumes().map(v -> v.capabilities()).orElse(null);
    return new CapabilitySnapshot(
        vm != null,
        vm != null && vm.requiresDataCenter(),
        vm != null && vm.supportsUserData(),
        vm != null && vm.supportsFirewalls(),
        vm == null ? 0 : vm.maxNameLength(),
        vm == null ? null : vm.namePattern().pattern(),
        image != null,
        image != null && image.canCapture(),
        image != null && image.canRemove(),
        volume != null,
        volume == null ? 0 : volume.minSizeGb(),
        volume == null ? 0 : volume.maxSizeGb(),
        volume != null && volume.canAttachWhileRunning(),
        compute != null && compute.snapshots().isPresent(),
        network != null && network.ipAddresses().isPresent(),
        network != null && network.firewalls().isPresent(),
        network != null
            && network.firewalls().map(f -> f.capabilities().supportsIpv6()).orElse(false),
        volume == null ? null : volume.deviceNamePattern(),
        volume == null ? null : volume.deviceNameRule(),
        vm == null ? null : vm.nameRule());
  }
}
