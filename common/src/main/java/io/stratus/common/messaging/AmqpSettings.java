package io.stratus.common.messaging;

import io.stratus.common.config.Config;
import io.stratus.common.config.Secret;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

/**
 * How to reach the broker and how to use it. Keys, under a prefix such as {@code amqp}:
 *
 * <ul>
 *   <li>{@code amqp.uri} (required) e.g. {@code amqp://stratus:PASSWORD@127.0.0.1:5672/stratus}; it
 *       carries the password, so it is treated as a secret and never logged
 *   <li>{@code amqp.prefix} (default {@code stratus}) prefix of every exchange and queue name
 *   <li>{@code amqp.prefetch} (default 32, 1..1000) unacknowledged messages per consumer
 *   <li>{@code amqp.confirm-timeout} (default 5s) how long to wait for a publisher confirm before
 *       publishing again
 *   <li>{@code amqp.publish-attempts} (default 5) publishes of one message before giving up
 *   <li>{@code amqp.quorum-queues} (default false) declare quorum queues (RabbitMQ only)
 *   <li>{@code amqp.recovery-interval} (default 1s) pause between reconnection attempts
 * </ul>
 */
public record AmqpSettings(
    Secret uri,
    String prefix,
    int prefetch,
    Duration confirmTimeout,
    int publishAttempts,
    boolean quorumQueues,
    Duration recoveryInterval) {

  public static AmqpSettings from(Config config, String prefix) {
    Secret uri = config.requireSecret(prefix + ".uri");
    try {
      URI parsed = new URI(uri.reveal());
      if (!"amqp".equals(parsed.getScheme()) && !"amqps".equals(parsed.getScheme())) {
        throw config.error(prefix + ".uri", "must start with amqp:// or amqps://");
      }
      if (parsed.getHost() == null) {
        throw config.error(prefix + ".uri", "has no host");
      }
    } catch (URISyntaxException e) {
      throw config.error(
          prefix + ".uri", "is not a valid URI (value not shown: it holds a secret)");
    }
    String namePrefix = config.get(prefix + ".prefix", "stratus");
    if (!namePrefix.matches("[A-Za-z0-9_.-]{1,100}")) {
      throw config.error(prefix + ".prefix", "may hold only letters, digits, '.', '-' and '_'");
    }
    int prefetch = config.getInt(prefix + ".prefetch", 32);
    if (prefetch < 1 || prefetch > 1000) {
      throw config.error(prefix + ".prefetch", "must be between 1 and 1000, not " + prefetch);
    }
    Duration confirmTimeout =
        config.getDuration(prefix + ".confirm-timeout", Duration.ofSeconds(5));
    if (confirmTimeout.toMillis() < 10) {
      throw config.error(prefix + ".confirm-timeout", "must be at least 10ms");
    }
    int attempts = config.getInt(prefix + ".publish-attempts", 5);
    if (attempts < 1 || attempts > 100) {
      throw config.error(prefix + ".publish-attempts", "must be between 1 and 100");
    }
    boolean quorum = config.getBoolean(prefix + ".quorum-queues", false);
    Duration recovery = config.getDuration(prefix + ".recovery-interval", Duration.ofSeconds(1));
    return new AmqpSettings(uri, namePrefix, prefetch, confirmTimeout, attempts, quorum, recovery);
  }

  /** Settings with defaults for a broker URI, for tools and tests. */
  public static AmqpSettings of(String uri, String prefix) {
    return new AmqpSettings(
        Secret.of(uri), prefix, 32, Duration.ofSeconds(5), 5, false, Duration.ofSeconds(1));
  }

  public AmqpSettings withConfirmTimeout(Duration timeout) {
    return new AmqpSettings(
        uri, prefix, prefetch, timeout, publishAttempts, quorumQueues, recoveryInterval);
  }

  public Topology topology() {
    return Topology.named(prefix, quorumQueues);
  }

  /** The broker address without user or password, safe to log. */
  public String safeAddress() {
    try {
      URI parsed = new URI(uri.reveal());
      return parsed.getScheme() + "://" + parsed.getHost() + ":" + parsed.getPort();
    } catch (URISyntaxException e) {
      return "(unparseable URI)";
    }
  }
}
