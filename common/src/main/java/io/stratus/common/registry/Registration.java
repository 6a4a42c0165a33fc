package io.stratus.common.registry;

import java.util.concurrent.ScheduledExecutorService;

/** A live registration; closing it stops the heartbeat and marks the process stopped. */
public final class Registration implements AutoCloseable {
  private final String instanceId;
  private final String component;
  private final ComponentRegistry registry;
  private final ScheduledExecutorService heartbeat;

  Registration(
      String instanceId,
      String component,
      ComponentRegistry registry,
      ScheduledExecutorService heartbeat) {
    this.instanceId = instanceId;
    this.component = component;
    this.registry = registry;
    this.heartbeat = heartbeat;
  }

  public String instanceId() {
    return instanceId;
  }

  public String component() {
    return component;
  }

  /** Stops heartbeating without deregistering, as a crash would. For tests and fault drills. */
  public void abandon() {
    heartbeat.shutdownNow();
  }

  @Override
  public void close() {
    heartbeat.shutdownNow();
    registry.markStopped(instanceId);
  }
}
