package io.stratus.common.messaging;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.security.GeneralSecurityException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one broker connection of a process. It recovers by itself (connection, channels, consumers
 * and topology) when the broker restarts or the network drops. Publishers and consumers open their
 * own channels from it: channels are never shared between threads.
 */
public final class AmqpConnection implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AmqpConnection.class);

  private final AmqpSettings settings;
  private final Connection connection;

  private AmqpConnection(AmqpSettings settings, Connection connection) {
    this.settings = settings;
    this.connection = connection;
  }

  /**
   * Connects and declares the topology.
   *
   * @param clientName shown in the broker's management UI, e.g. {@code worker-subscriber@host}
   * @throws MessagingException if the broker cannot be reached (the message has no password)
   */
  public static AmqpConnection open(AmqpSettings settings, String clientName) {
    ConnectionFactory factory = new ConnectionFactory();
    try {
      factory.setUri(settings.uri().reveal());
    } catch (URISyntaxException | GeneralSecurityException | IllegalArgumentException e) {
      throw new MessagingException("amqp.uri is not a valid AMQP URI", null);
    }
    factory.setAutomaticRecoveryEnabled(true);
    factory.setTopologyRecoveryEnabled(true);
    factory.setNetworkRecoveryInterval(settings.recoveryInterval().toMillis());
    factory.setRequestedHeartbeat(15);
    factory.setConnectionTimeout(5_000);
    try {
      Connection connection = factory.newConnection(clientName);
      // The declaring channel stays open: automatic recovery redeclares the topology through the
      // channel that first declared it, so closing it would leave a restarted broker without it.
      Channel topologyChannel = connection.createChannel();
      settings.topology().declare(topologyChannel);
      log.info("Connected to broker {} as {}", settings.safeAddress(), clientName);
      return new AmqpConnection(settings, connection);
    } catch (IOException | TimeoutException e) {
      throw new MessagingException(
          "Cannot connect to the broker at " + settings.safeAddress() + ": " + describe(e), e);
    }
  }

  public AmqpSettings settings() {
    return settings;
  }

  public Topology topology() {
    return settings.topology();
  }

  /** A new channel, to be used by one thread only. */
  public Channel openChannel() {
    try {
      return connection.createChannel();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a channel", e);
    }
  }

  public boolean isOpen() {
    return connection.isOpen();
  }

  @Override
  public void close() {
    try {
      if (connection.isOpen()) {
        connection.close(5_000);
      }
    } catch (IOException e) {
      log.debug("Closing the broker connection failed", e);
    }
  }

  private static String describe(Exception e) {
    String message = e.getMessage();
    return message == null ? e.getClass().getSimpleName() : message;
  }
}
