package io.stratus.common.messaging;

/**
 * Handles one message. Returning normally acknowledges it. Throwing sends it back to the queue once
 * (it is redelivered to any consumer); a second failure drops it, which loses nothing because the
 * task row in MySQL is the source of truth and the publisher sends due tasks again.
 */
@FunctionalInterface
public interface MessageHandler {
  void handle(MessageEnvelope message) throws Exception;

  /** Called for a body that is not an envelope, before it is dropped. */
  default void onMalformed(byte[] body, MalformedMessageException e) {}
}
