package io.stratus.cloud.openstack.compute;

import io.stratus.cloud.spi.compute.VmState;

/** Nova's status and task state, as the SPI's {@link VmState}. */
final class ServerStates {
  private ServerStates() {}

  static VmState of(String status, String taskState) {
    if ("deleting".equals(taskState)) {
      return VmState.TERMINATED;
    }
    if ("powering-off".equals(taskState)) {
      return VmState.STOPPING;
    }
    if ("powering-on".equals(taskState)) {
      return VmState.PENDING;
    }
    if (taskState != null && taskState.startsWith("reboot")) {
      return VmState.REBOOTING;
    }
    if (status == null) {
      return VmState.PENDING;
    }
    return switch (status) {
      case "ACTIVE" -> VmState.RUNNING;
      case "BUILD", "REBUILD", "MIGRATING", "RESIZE", "VERIFY_RESIZE", "REVERT_RESIZE" ->
          VmState.PENDING;
      case "REBOOT", "HARD_REBOOT" -> VmState.REBOOTING;
      case "SHUTOFF",
          "STOPPED",
          "PAUSED",
          "SUSPENDED",
          "SHELVED",
          "SHELVED_OFFLOADED",
          "ERROR",
          "RESCUE" ->
          VmState.STOPPED;
      case "DELETED", "SOFT_DELETED" -> VmState.TERMINATED;
      default -> VmState.PENDING;
    };
  }
}
