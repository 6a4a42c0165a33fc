package io.stratus.common.messaging;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.MessageProperties;
import com.rabbitmq.client.Recoverable;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes persistent messages with asynchronous publisher confirms.
 *
 * <p>Each calling thread gets its own channel in confirm mode. A message the broker nacks, that is
 * not confirmed within {@code amqp.confirm-timeout}, or that was in flight when the connection
 * dropped is published again, up to {@code amqp.publish-attempts} times; the returned future
 * completes when the broker has confirmed one copy. A message may therefore arrive twice: the
 * consumers are built for that (the task lease decides).
 */
public final class ConfirmingPublisher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ConfirmingPublisher.class);

  private final AmqpConnection connection;
  private final Duration confirmTimeout;
  private final int maxAttempts;
  private final ThreadLocal<ConfirmChannel> channels;
  private final List<ConfirmChannel> allChannels = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService timer;
  private final AtomicLong republished = new AtomicLong();

  public ConfirmingPublisher(AmqpConnection connection) {
    this.connection = connection;
    this.confirmTimeout = connection.settings().confirmTimeout();
    this.maxAttempts = connection.settings().publishAttempts();
    this.channels = ThreadLocal.withInitial(this::newChannel);
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "amqp-confirm-timer");
              t.setDaemon(true);
              return t;
            });
    long period = Math.max(5, confirmTimeout.toMillis() / 4);
    timer.scheduleWithFixedDelay(this::republishExpired, period, period, TimeUnit.MILLISECONDS);
  }

  /** Publishes a persistent message; the future completes once the broker confirmed it. */
  public CompletableFuture<Void> publish(
      String exchange, String routingKey, MessageEnvelope envelope) {
    Outgoing message =
        new Outgoing(exchange, routingKey, envelope.messageId(), MessageCodec.encode(envelope));
    channels.get().send(message);
    return message.confirmed;
  }

  /** A task job: the message carries only the task id. */
  public CompletableFuture<Void> publishTask(long taskId) {
    Topology topology = connection.topology();
    return publish(
        topology.workExchange(),
        Topology.TASK_ROUTING_KEY,
        MessageEnvelope.of("task", 1, MessageCodec.mapper().valueToTree(Map.of("taskId", taskId))));
  }

  /** A cache job: the message carries only the cache work item's id. */
  public CompletableFuture<Void> publishCacheJob(long cacheWorkId) {
    Topology topology = connection.topology();
    return publish(
        topology.workExchange(),
        Topology.CACHE_ROUTING_KEY,
        MessageEnvelope.of(
            "cache", 1, MessageCodec.mapper().valueToTree(Map.of("cacheWorkId", cacheWorkId))));
  }

  /** How many times a message was published again after a nack, a timeout or a lost connection. */
  public long republishedCount() {
    return republished.get();
  }

  @Override
  public void close() {
    timer.shutdownNow();
    for (ConfirmChannel channel : allChannels) {
      channel.close();
    }
  }

  private ConfirmChannel newChannel() {
    ConfirmChannel channel = new ConfirmChannel(connection.openChannel());
    allChannels.add(channel);
    return channel;
  }

  private void republishExpired() {
    long now = System.nanoTime();
    for (ConfirmChannel channel : allChannels) {
      try {
        channel.republishOlderThan(now - confirmTimeout.toNanos());
      } catch (RuntimeException e) {
        log.warn("Republishing unconfirmed messages failed; will try again", e);
      }
    }
  }

  /** One message and its confirmation future. */
  private static final class Outgoing {
    final String exchange;
    final String routingKey;
    final String messageId;
    final byte[] body;
    final CompletableFuture<Void> confirmed = new CompletableFuture<>();
    int attempts;
    volatile long sentAtNanos;

    Outgoing(String exchange, String routingKey, String messageId, byte[] body) {
      this.exchange = exchange;
      this.routingKey = routingKey;
      this.messageId = messageId;
      this.body = body;
    }
  }

  /** A channel in confirm mode and the messages it still waits on. */
  private final class ConfirmChannel {
    private final Channel channel;
    private final ConcurrentNavigableMap<Long, Outgoing> unconfirmed =
        new ConcurrentSkipListMap<>();

    ConfirmChannel(Channel channel) {
      this.channel = channel;
      try {
        channel.confirmSelect();
      } catch (IOException e) {
        throw new MessagingException("cannot put a channel in confirm mode", e);
      }
      channel.addConfirmListener(
          (tag, multiple) -> settle(tag, multiple, true),
          (tag, multiple) -> settle(tag, multiple, false));
      if (channel instanceof Recoverable recoverable) {
        recoverable.addRecoveryListener(
            new com.rabbitmq.client.RecoveryListener() {
              @Override
              public void handleRecovery(Recoverable r) {
                resendAllAfterRecovery();
              }

              @Override
              public void handleRecoveryStarted(Recoverable r) {}
            });
      }
    }

    synchronized void send(Outgoing message) {
      message.attempts++;
      message.sentAtNanos = System.nanoTime();
      long tag = channel.getNextPublishSeqNo();
      unconfirmed.put(tag, message);
      AMQP.BasicProperties properties =
          MessageProperties.PERSISTENT_BASIC
              .builder()
              .contentType("application/json")
              .messageId(message.messageId)
              .build();
      try {
        channel.basicPublish(message.exchange, message.routingKey, false, properties, message.body);
      } catch (IOException | RuntimeException e) {
        // The connection is down; the message stays unconfirmed and is sent again on recovery or
        // when its confirm times out.
        log.debug("Publish of {} deferred: {}", message.messageId, e.toString());
      }
    }

    private void settle(long tag, boolean multiple, boolean ack) {
      List<Outgoing> settled = new ArrayList<>();
      if (multiple) {
        ConcurrentNavigableMap<Long, Outgoing> head = unconfirmed.headMap(tag, true);
        settled.addAll(head.values());
        head.clear();
      } else {
        Outgoing one = unconfirmed.remove(tag);
        if (one != null) {
          settled.add(one);
        }
      }
      for (Outgoing message : settled) {
        if (ack) {
          message.confirmed.complete(null);
        } else {
          retry(message, "nacked by the broker");
        }
      }
    }

    void republishOlderThan(long deadlineNanos) {
      List<Outgoing> expired = new ArrayList<>();
      unconfirmed
          .entrySet()
          .removeIf(
              e -> {
                if (e.getValue().sentAtNanos < deadlineNanos) {
                  expired.add(e.getValue());
                  return true;
                }
                return false;
              });
      expired.forEach(m -> retry(m, "not confirmed in time"));
    }

    private void resendAllAfterRecovery() {
      // Sequence numbers restart on a recovered channel: every old tag is meaningless now.
      List<Outgoing> pending = new ArrayList<>(unconfirmed.values());
      unconfirmed.clear();
      pending.forEach(m -> retry(m, "connection recovered before the confirm"));
    }

    private void retry(Outgoing message, String why) {
      if (message.confirmed.isDone()) {
        return;
      }
      if (message.attempts >= maxAttempts) {
        message.confirmed.completeExceptionally(
            new MessagingException(
                "message "
                    + message.messageId
                    + " "
                    + why
                    + " after "
                    + message.attempts
                    + " attempts",
                null));
        return;
      }
      republished.incrementAndGet();
      log.debug("Publishing {} again: {}", message.messageId, why);
      send(message);
    }

    void close() {
      try {
        if (channel.isOpen()) {
          channel.close();
        }
      } catch (IOException | java.util.concurrent.TimeoutException | RuntimeException e) {
        log.debug("Closing a publisher channel failed", e);
      }
    }
  }
}
