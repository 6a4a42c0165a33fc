package io.stratus.common.job;

import java.time.Instant;

/**
 * What a user follows for one action: its status, progress (0..100), a message (on success, what
 * came of it; on error, why), the resource it made or acted on, and what its work printed (an event
 * script's exit code and output; null for most actions).
 */
public record Job(
    long id,
    long customerId,
    Long userId,
    String action,
    JobStatus status,
    int progress,
    String message,
    String output,
    String resourceType,
    Long resourceId,
    Instant createdAt,
    Instant completedAt) {}
