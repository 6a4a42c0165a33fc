package io.stratus.console.web;

/** A page about something this customer does not have (another customer's id among them): 404. */
public final class NotFound extends RuntimeException {
  public NotFound(String what, Object id) {
    super("there is no " + what + " " + id, null, false, false);
  }
}
