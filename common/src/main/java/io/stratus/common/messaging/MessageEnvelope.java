package io.stratus.common.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Every message body: what it is ({@code type}), which shape ({@code version}), a unique id, when
 * it was sent, and the payload. Consumers check type and version before reading the payload.
 */
public record MessageEnvelope(
    String type, int version, String messageId, Instant sentAt, JsonNode payload) {

  public MessageEnvelope {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(sentAt, "sentAt");
    Objects.requireNonNull(payload, "payload");
    if (version < 1) {
      throw new IllegalArgumentException("version must be at least 1");
    }
  }

  public static MessageEnvelope of(String type, int version, JsonNode payload) {
    return new MessageEnvelope(type, version, UUID.randomUUID().toString(), Instant.now(), payload);
  }
}
