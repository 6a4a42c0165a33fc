package io.stratus.common.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * Publishes state changes to the events topic exchange, with routing keys such as {@code
 * server.<customer>.<id>.running} or {@code job.<customer>.<id>.complete}.
 */
public final class EventPublisher {
  private static final Pattern WORD = Pattern.compile("[A-Za-z0-9_-]+");

  private final ConfirmingPublisher publisher;
  private final String exchange;

  public EventPublisher(ConfirmingPublisher publisher, Topology topology) {
    this.publisher = publisher;
    this.exchange = topology.eventsExchange();
  }

  /**
   * Publishes one event about a resource.
   *
   * @param resource e.g. {@code server}, {@code job}
   * @param customerId the owning customer (0 for platform events)
   * @param resourceId the resource's id
   * @param change the new state or what happened, e.g. {@code running}
   */
  public CompletableFuture<Void> publish(
      String resource, long customerId, long resourceId, String change, JsonNode detail) {
    for (String word : new String[] {resource, change}) {
      if (!WORD.matcher(word).matches()) {
        throw new IllegalArgumentException("routing key words are letters, digits, - and _");
      }
    }
    String key = resource + "." + customerId + "." + resourceId + "." + change;
    return publisher.publish(exchange, key, MessageEnvelope.of("event." + resource, 1, detail));
  }
}
