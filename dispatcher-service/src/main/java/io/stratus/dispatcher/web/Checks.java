package io.stratus.dispatcher.web;

/** Checks of request values shared by the Dispatcher's controllers. */
public final class Checks {
  private Checks() {}

  /** A name: 1..200 characters, no control characters. */
  public static String name(String value, String field) {
    if (value == null || value.isBlank()) {
      throw DispatchException.badRequest(field + " is required");
    }
    String name = value.strip();
    if (name.length() > 200) {
      throw DispatchException.badRequest(field + " must be at most 200 characters");
    }
    if (name.chars().anyMatch(Character::isISOControl)) {
      throw DispatchException.badRequest(field + " must not hold control characters");
    }
    return name;
  }

  public static long required(Long value, String field) {
    if (value == null) {
      throw DispatchException.badRequest(field + " is required");
    }
    if (value <= 0) {
      throw DispatchException.badRequest(field + " must be a positive id");
    }
    return value;
  }
}
