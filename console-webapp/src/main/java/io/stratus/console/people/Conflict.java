package io.stratus.console.people;

/** A name or e-mail address already taken: 409 with a message saying which. */
public final class Conflict extends RuntimeException {
  public Conflict(String message) {
    super(message, null, false, false);
  }
}
