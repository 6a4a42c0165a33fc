package io.stratus.common.registry;

/** How a registered process looks from the registry. */
public enum ComponentState {
  /** Heartbeating on time. */
  UP,
  /** Missed its heartbeats: crashed, hung or cut off. */
  DOWN,
  /** Deregistered itself on a clean shutdown. */
  STOPPED
}
