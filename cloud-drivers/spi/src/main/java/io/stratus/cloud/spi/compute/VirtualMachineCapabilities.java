package io.stratus.cloud.spi.compute;

import java.util.regex.Pattern;

/** What a cloud's virtual machine support can do, asked before acting. */
public interface VirtualMachineCapabilities {
  default boolean canStart(VmState state) {
    return state == VmState.STOPPED;
  }

  default boolean canStop(VmState state) {
    return state == VmState.RUNNING;
  }

  default boolean canReboot(VmState state) {
    return state == VmState.RUNNING;
  }

  default boolean canTerminate(VmState state) {
    return state != VmState.TERMINATED;
  }

  /** Names a machine may have. */
  Pattern namePattern();

  /**
   * {@link #namePattern()} in words, as a person reads it ("1 to 64 letters, digits, dots, dashes
   * or underscores, beginning with a letter or digit"); null where the driver gives none, and pages
   * then show the pattern.
   */
  default String nameRule() {
    return null;
  }

  int maxNameLength();

  /** Whether a launch must name a data centre. */
  boolean requiresDataCenter();

  boolean supportsUserData();

  /** Whether a retried launch with the same client token returns the same machine. */
  boolean supportsClientToken();

  boolean supportsFirewalls();

  /**
   * Whether a running machine has a private address. False only where the cloud gives machines no
   * network (an OpenStack without a real network service).
   */
  default boolean assignsPrivateAddresses() {
    return true;
  }

  /** Whether {@link VirtualMachineSupport#sample} returns readings. */
  boolean supportsSamples();

  /** The most machines one account may run in a region, or 0 for no stated limit. */
  int maxMachines();
}
