package io.stratus.pinger;

import io.stratus.pinger.probe.ProbeTarget;
import java.time.Instant;

/**
 * A {@code guest_agent} row as a sweep found it: where to ping, which certificate to expect, and
 * the state the outcome is compared with.
 *
 * @param lastSeenAt null if it never answered
 */
record Agent(
    long id,
    long customerId,
    long serverId,
    String address,
    int port,
    String fingerprint,
    AgentState state,
    int misses,
    Instant lastSeenAt) {

  ProbeTarget target() {
    return new ProbeTarget(address, port, fingerprint);
  }
}
