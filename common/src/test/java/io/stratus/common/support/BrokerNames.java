package io.stratus.common.support;

import com.rabbitmq.client.Channel;
import io.stratus.common.messaging.AmqpConnection;
import io.stratus.common.messaging.Topology;

/** Removes a test's exchanges and queues so repeated runs leave nothing behind on the broker. */
public final class BrokerNames {
  private BrokerNames() {}

  public static void deleteTopology(AmqpConnection connection) {
    Topology t = connection.topology();
    try (Channel channel = connection.openChannel()) {
      channel.queueDelete(t.cacheQueue());
      channel.queueDelete(t.taskQueue());
      channel.exchangeDelete(t.workExchange());
      channel.exchangeDelete(t.eventsExchange());
    } catch (Exception e) {
      // best effort: the names are unique per run
    }
  }
}
