package io.stratus.common.messaging;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;

/** JSON encoding of {@link MessageEnvelope}s. */
public final class MessageCodec {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES);

  private MessageCodec() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static byte[] encode(MessageEnvelope envelope) {
    try {
      return MAPPER.writeValueAsBytes(envelope);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Decodes a body.
   *
   * @throws MalformedMessageException if it is not an envelope
   */
  public static MessageEnvelope decode(byte[] body) {
    try {
      return MAPPER.readValue(body, MessageEnvelope.class);
    } catch (IOException | RuntimeException e) {
      throw new MalformedMessageException("not a Stratus message envelope: " + e.getMessage(), e);
    }
  }
}
