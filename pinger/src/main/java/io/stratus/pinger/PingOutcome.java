package io.stratus.pinger;

import io.stratus.pinger.probe.ProbeResult;
import java.time.Instant;

/** One ping of one agent: what came of it, and when it ended. */
record PingOutcome(Agent agent, ProbeResult result, Instant at) {}
