package io.stratus.common.messaging;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import java.io.IOException;
import java.util.Map;

/**
 * The exchanges and queues Stratus uses: a direct exchange feeding the cache-job and task-job
 * queues, and a topic exchange for events. Declaring is idempotent; only core AMQP 0-9-1 arguments
 * are used unless quorum queues are asked for (RabbitMQ only).
 */
public record Topology(
    String workExchange,
    String eventsExchange,
    String cacheQueue,
    String taskQueue,
    boolean quorumQueues) {
  /** Routing key of cache jobs on the work exchange. */
  public static final String CACHE_ROUTING_KEY = "cache";

  /** Routing key of task jobs on the work exchange. */
  public static final String TASK_ROUTING_KEY = "task";

  public static Topology named(String prefix, boolean quorumQueues) {
    return new Topology(
        prefix + ".work",
        prefix + ".events",
        prefix + ".cache-jobs",
        prefix + ".task-jobs",
        quorumQueues);
  }

  /** Declares everything; safe to call from every process at every start. */
  public void declare(Channel channel) throws IOException {
    channel.exchangeDeclare(workExchange, BuiltinExchangeType.DIRECT, true);
    channel.exchangeDeclare(eventsExchange, BuiltinExchangeType.TOPIC, true);
    Map<String, Object> arguments = quorumQueues ? Map.of("x-queue-type", "quorum") : null;
    channel.queueDeclare(cacheQueue, true, false, false, arguments);
    channel.queueDeclare(taskQueue, true, false, false, arguments);
    channel.queueBind(cacheQueue, workExchange, CACHE_ROUTING_KEY);
    channel.queueBind(taskQueue, workExchange, TASK_ROUTING_KEY);
  }
}
