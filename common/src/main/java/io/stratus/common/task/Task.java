package io.stratus.common.task;

import java.time.Instant;

/** A task row as stored. Times are UTC. */
public record Task(
    long id,
    String kind,
    String payload,
    TaskState state,
    int attempts,
    int maxAttempts,
    String leaseOwner,
    Instant leaseExpiresAt,
    Instant nextAttemptAt,
    String idempotencyKey,
    String lastError,
    Long customerId,
    Long jobId) {}
