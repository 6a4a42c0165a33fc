package io.stratus.pinger;

import java.time.Instant;

/**
 * An agent's state changed, as written by this pinger (the conditional update matched): what its
 * event says.
 *
 * @param lastSeenAt when it last answered; null if never
 * @param misses consecutive misses after the change (0 when reachable)
 */
record Change(Agent agent, AgentState state, Instant lastSeenAt, int misses) {}
