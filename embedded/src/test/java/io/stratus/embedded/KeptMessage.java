package io.stratus.embedded;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.MessageProperties;
import java.nio.charset.StandardCharsets;

/** What the broker restart tests publish before the restart and look for after it. */
final class KeptMessage {
  static final String QUEUE = "kept";
  static final String BODY = "hello";

  private KeptMessage() {}

  /** Publishes {@link #BODY}, persistent, to the durable queue {@link #QUEUE}, confirmed. */
  static void publish(ConnectionFactory factory) throws Exception {
    try (Connection connection = factory.newConnection();
        Channel channel = connection.createChannel()) {
      channel.confirmSelect();
      channel.queueDeclare(QUEUE, true, false, false, null);
      channel.basicPublish(
          "",
          QUEUE,
          MessageProperties.PERSISTENT_TEXT_PLAIN,
          BODY.getBytes(StandardCharsets.UTF_8));
      channel.waitForConfirmsOrDie(5_000);
    }
  }
}
