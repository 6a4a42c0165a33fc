package io.stratus.cloud.spi.compute;

/**
 * A virtual machine's state. Transitions:
 *
 * <pre>
 * PENDING ──boot──▶ RUNNING ──stop──▶ STOPPING ──▶ STOPPED ──start──▶ PENDING
 * RUNNING ──reboot──▶ REBOOTING ──▶ RUNNING
 * RUNNING ──(process or host fails)──▶ STOPPED (with a reason)
 * any but TERMINATED ──terminate──▶ TERMINATED (final; the record disappears later)
 * </pre>
 */
public enum VmState {
  PENDING,
  RUNNING,
  STOPPING,
  STOPPED,
  REBOOTING,
  TERMINATED;

  public boolean isFinal() {
    return this == TERMINATED;
  }
}
