package io.stratus.pinger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratus.common.messaging.EventPublisher;
import io.stratus.common.messaging.MessageCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes {@code agent.<customer>.<serverId>.reachable} or {@code .unreachable} on the events
 * exchange when the pinger changes an agent's state. The detail carries {@code serverId}, {@code
 * state}, {@code lastSeenAt} (ISO-8601 UTC, null if it never answered) and {@code misses}. A
 * failure to publish is logged and never stops the sweep: the row in MySQL is the truth.
 */
final class AgentEvents {
  private static final Logger log = LoggerFactory.getLogger(AgentEvents.class);

  private final EventPublisher events;

  AgentEvents(EventPublisher events) {
    this.events = events;
  }

  void changed(Change change) {
    Agent agent = change.agent();
    ObjectNode detail = MessageCodec.mapper().createObjectNode();
    detail.put("serverId", agent.serverId());
    detail.put("state", change.state().key());
    detail.put("lastSeenAt", change.lastSeenAt() == null ? null : change.lastSeenAt().toString());
    detail.put("misses", change.misses());
    try {
      events
          .publish("agent", agent.customerId(), agent.serverId(), change.state().key(), detail)
          .whenComplete(
              (ignored, failure) -> {
                if (failure != null) {
                  log.warn(
                      "Agent event for server {} ({}) not published: {}",
                      agent.serverId(),
                      change.state().key(),
                      failure.toString());
                }
              });
    } catch (RuntimeException e) {
      log.warn(
          "Agent event for server {} ({}) not published: {}",
          agent.serverId(),
          change.state().key(),
          e.toString());
    }
  }
}
