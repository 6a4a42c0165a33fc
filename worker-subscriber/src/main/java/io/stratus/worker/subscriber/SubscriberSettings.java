package io.stratus.worker.subscriber;

import io.stratus.cloud.spi.EndpointAllowList;
import io.stratus.common.config.Config;
import java.time.Duration;
import java.util.List;

/**
 * The subscriber's keys in {@code etc/worker.properties}:
 *
 * <ul>
 *   <li>{@code subscriber.task-concurrency} (default 8) task jobs worked at once
 *   <li>{@code subscriber.cache-concurrency} (default 4) cache jobs worked at once
 *   <li>{@code subscriber.task-lease} (default 2m) how long a task claim lasts without renewal
 *   <li>{@code subscriber.cache-lease} (default 5m) how long a cache worker holds its (account,
 *       region, kind)
 *   <li>{@code subscriber.stop-timeout} (default 30s) how long a stop waits for work in flight
 *   <li>{@code subscriber.poll-interval} (default 500ms) how often a task asks the cloud whether a
 *       resource reached the state it waits for
 *   <li>{@code subscriber.wait-limit} (default 10m) how long one attempt waits for that before the
 *       task is retried later
 *   <li>{@code agent.logs} (default {@code agent}) the agent logs collected from every reachable
 *       agent, by the names agents offer them under
 *   <li>{@code agent.logs.keep-lines} (default 10000) lines kept per server and log; older ones go
 *   <li>{@code agent.timeout} (default 10s) how long a log read waits for an agent's answer
 *   <li>{@code cloud.endpoint.allow} (default none) the endpoints an account may name besides its
 *       cloud's own, comma-separated URL prefixes or {@code host:port} ({@link EndpointAllowList});
 *       checked before every connection, so a worker never calls an endpoint it does not allow
 * </ul>
 */
public record SubscriberSettings(
    int taskConcurrency,
    int cacheConcurrency,
    Duration taskLease,
    Duration cacheLease,
    Duration stopTimeout,
    Duration pollInterval,
    Duration waitLimit,
    List<String> agentLogs,
    int agentLogLines,
    Duration agentTimeout,
    EndpointAllowList cloudEndpoints) {

  public static SubscriberSettings from(Config config) {
    int tasks = config.getInt("subscriber.task-concurrency", 8);
    if (tasks < 1 || tasks > 256) {
      throw config.error("subscriber.task-concurrency", "must be between 1 and 256");
    }
    int cache = config.getInt("subscriber.cache-concurrency", 4);
    if (cache < 1 || cache > 256) {
      throw config.error("subscriber.cache-concurrency", "must be between 1 and 256");
    }
    Duration taskLease = config.getDuration("subscriber.task-lease", Duration.ofMinutes(2));
    Duration cacheLease = config.getDuration("subscriber.cache-lease", Duration.ofMinutes(5));
    for (String key : new String[] {"subscriber.task-lease", "subscriber.cache-lease"}) {
      Duration lease = key.endsWith("task-lease") ? taskLease : cacheLease;
      if (lease.toMillis() < 1000) {
        throw config.error(key, "must be at least 1s");
      }
    }
    Duration stop = config.getDuration("subscriber.stop-timeout", Duration.ofSeconds(30));
    Duration poll = config.getDuration("subscriber.poll-interval", Duration.ofMillis(500));
    if (poll.toMillis() < 10 || poll.toMinutes() > 1) {
      throw config.error("subscriber.poll-interval", "must be between 10ms and 1m");
    }
    Duration wait = config.getDuration("subscriber.wait-limit", Duration.ofMinutes(10));
    if (wait.toMillis() < 1000) {
      throw config.error("subscriber.wait-limit", "must be at least 1s");
    }
    List<String> logs =
        config.optional("agent.logs").isPresent() ? config.getList("agent.logs") : List.of("agent");
    for (String name : logs) {
      if (!name.matches("[A-Za-z][A-Za-z0-9_.-]{0,63}")) {
        throw config.error("agent.logs", "'" + name + "' is not a log name");
      }
    }
    int keep = config.getInt("agent.logs.keep-lines", 10_000);
    if (keep < 10 || keep > 1_000_000) {
      throw config.error("agent.logs.keep-lines", "must be between 10 and 1000000");
    }
    Duration agentTimeout = config.getDuration("agent.timeout", Duration.ofSeconds(10));
    if (agentTimeout.toMillis() < 100 || agentTimeout.toMinutes() > 5) {
      throw config.error("agent.timeout", "must be between 100ms and 5m");
    }
    EndpointAllowList endpoints;
    try {
      endpoints = EndpointAllowList.of(config.getList("cloud.endpoint.allow"));
    } catch (IllegalArgumentException e) {
      throw config.error("cloud.endpoint.allow", e.getMessage());
    }
    return new SubscriberSettings(
        tasks, cache, taskLease, cacheLease, stop, poll, wait, logs, keep, agentTimeout, endpoints);
  }
}
