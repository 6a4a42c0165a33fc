package io.stratus.pinger;

import java.time.Duration;
import java.time.Instant;

/**
 * What one sweep did.
 *
 * @param agents agents in this pinger's partition when the sweep started
 * @param answered pings answered with 200 by the recorded certificate
 * @param missed pings that failed (refused, timed out, TLS, wrong certificate, not 200)
 * @param wrongCertificates of the misses, agents that presented another certificate
 * @param changes state changes this pinger wrote during the sweep
 * @param keptConnections connections to agents kept open when the sweep ended
 * @param pinging from the first ping started to the last one ended
 * @param total from loading the agents until every outcome was written
 * @param complete false if the pinger stopped before every agent was pinged
 */
public record SweepStats(
    Instant startedAt,
    int agents,
    int answered,
    int missed,
    int wrongCertificates,
    long changes,
    int keptConnections,
    Duration pinging,
    Duration total,
    boolean complete) {}
