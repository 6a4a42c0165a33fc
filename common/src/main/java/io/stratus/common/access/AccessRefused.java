package io.stratus.common.access;

/**
 * A user asked for what none of its roles grants, or for a resource its qualifier does not reach.
 * The console and the API answer it with 403 and this message, which names no secret.
 */
public final class AccessRefused extends RuntimeException {
  public AccessRefused(String message) {
    super(message, null, false, false);
  }
}
