package io.stratus.common.registry;

import java.time.Instant;

/** One registered process as {@code stratus-admin status} shows it. */
public record ComponentStatus(
    String instanceId,
    String component,
    String host,
    long pid,
    String version,
    Instant startedAt,
    Instant heartbeatAt,
    ComponentState state) {}
