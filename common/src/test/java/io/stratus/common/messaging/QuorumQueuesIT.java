package io.stratus.common.messaging;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.stratus.common.config.Config;
import io.stratus.common.support.BrokerNames;
import io.stratus.testkit.TestBroker;
import io.stratus.testkit.TestServices;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** amqp.quorum-queues=true declares quorum queues on RabbitMQ (the embedded broker has none). */
class QuorumQueuesIT {
  @Test
  void shouldDeclareQuorumQueuesWhenConfigured() throws Exception {
    TestBroker broker = TestServices.broker();
    assumeTrue(!broker.mode().equals("embedded"), "quorum queues are RabbitMQ-only");
    String prefix = broker.uniqueName("quorum");
    AmqpSettings settings =
        AmqpSettings.from(
            Config.of(
                "worker",
                Map.of(
                    "amqp.uri", broker.uri(), "amqp.prefix", prefix, "amqp.quorum-queues", "true"),
                Map.of()),
            "amqp");
    try (AmqpConnection connection = AmqpConnection.open(settings, "quorum-it")) {
      try {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(broker.uri());
        try (Connection raw = factory.newConnection()) {
          Channel channel = raw.createChannel();
          // Redeclaring as a classic queue must clash if the queue really is a quorum queue.
          IOException clash =
              assertThrows(
                  IOException.class,
                  () ->
                      channel.queueDeclare(
                          settings.topology().taskQueue(),
                          true,
                          false,
                          false,
                          Map.of("x-queue-type", "classic")));
          String reason = String.valueOf(clash.getCause());
          assertTrue(reason.contains("current is 'quorum'"), reason);
        }
      } finally {
        BrokerNames.deleteTopology(connection);
      }
    }
  }
}
