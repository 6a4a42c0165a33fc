package io.stratus.common.messaging;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes one queue with manual acknowledgements and bounded prefetch, on {@code concurrency}
 * channels (each handles its messages one at a time, so at most {@code concurrency} handlers run at
 * once). {@link #close} stops taking new messages and waits for the running ones.
 */
public final class QueueConsumer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(QueueConsumer.class);

  private final List<Channel> channels = new ArrayList<>();
  private final List<String> consumerTags = new ArrayList<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final String queue;

  private QueueConsumer(String queue) {
    this.queue = queue;
  }

  /** Starts consuming {@code queue}. */
  public static QueueConsumer start(
      AmqpConnection connection, String queue, int concurrency, MessageHandler handler) {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1");
    }
    QueueConsumer consumer = new QueueConsumer(queue);
    int prefetch = connection.settings().prefetch();
    try {
      for (int i = 0; i < concurrency; i++) {
        Channel channel = connection.openChannel();
        channel.basicQos(prefetch);
        consumer.channels.add(channel);
        consumer.consumerTags.add(
            channel.basicConsume(queue, false, consumer.new Delivery(channel, handler)));
      }
    } catch (IOException e) {
      consumer.close();
      throw new MessagingException("cannot consume queue " + queue + ": " + e.getMessage(), e);
    }
    return consumer;
  }

  /** Messages being handled right now. */
  public int inFlight() {
    return inFlight.get();
  }

  /** Stops consuming; waits up to {@code timeout} for running handlers, then closes channels. */
  public void stop(Duration timeout) {
    for (int i = 0; i < channels.size(); i++) {
      try {
        if (channels.get(i).isOpen()) {
          channels.get(i).basicCancel(consumerTags.get(i));
        }
      } catch (IOException | RuntimeException e) {
        log.debug("Cancelling a consumer of {} failed", queue, e);
      }
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    while (inFlight.get() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    for (Channel channel : channels) {
      try {
        if (channel.isOpen()) {
          channel.close();
        }
      } catch (IOException | TimeoutException | RuntimeException e) {
        log.debug("Closing a consumer channel of {} failed", queue, e);
      }
    }
  }

  @Override
  public void close() {
    stop(Duration.ofSeconds(10));
  }

  private final class Delivery extends DefaultConsumer {
    private final MessageHandler handler;

    Delivery(Channel channel, MessageHandler handler) {
      super(channel);
      this.handler = handler;
    }

    @Override
    public void handleDelivery(
        String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
        throws IOException {
      inFlight.incrementAndGet();
      try {
        MessageEnvelope message;
        try {
          message = MessageCodec.decode(body);
        } catch (MalformedMessageException e) {
          log.warn("Dropping a malformed message on {}: {}", queue, e.getMessage());
          handler.onMalformed(body, e);
          // Acknowledged, not rejected: Qpid redelivers a message rejected without requeue, and
          // no dead-letter exchange is used (core AMQP 0-9-1 only).
          getChannel().basicAck(envelope.getDeliveryTag(), false);
          return;
        }
        try {
          handler.handle(message);
          getChannel().basicAck(envelope.getDeliveryTag(), false);
        } catch (Exception e) {
          boolean requeue = !envelope.isRedeliver();
          log.warn(
              "Handling message {} of type {} failed ({}); {}",
              message.messageId(),
              message.type(),
              e.toString(),
              requeue ? "returned to the queue once" : "dropped, the sweep will publish again");
          if (requeue) {
            getChannel().basicNack(envelope.getDeliveryTag(), false, true);
          } else {
            getChannel().basicAck(envelope.getDeliveryTag(), false);
          }
        }
      } finally {
        inFlight.decrementAndGet();
      }
    }
  }
}
