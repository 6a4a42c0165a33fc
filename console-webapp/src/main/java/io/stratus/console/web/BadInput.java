package io.stratus.console.web;

/** A form value the console cannot use: 400 with a message saying which and why. */
public final class BadInput extends RuntimeException {
  public BadInput(String message) {
    super(message, null, false, false);
  }
}
