package io.stratus.cloud.spi.compute;

import java.time.Instant;

/** A CPU and memory reading of one machine, as scaling decisions use it. */
public record VmSample(String vmId, Instant at, double cpuPercent, long memoryBytes) {}
