package io.stratus.km.audit;

/** How one access to the Key Manager ended, as written to the audit log. */
public enum Outcome {
  OK,
  NOT_FOUND,
  BAD_REQUEST,
  TOO_LARGE,
  FORBIDDEN,
  UNAVAILABLE,
  ERROR;

  /** The outcome of an HTTP status the KM answered. */
  public static Outcome ofStatus(int status) {
    return switch (status) {
      case 404 -> NOT_FOUND;
      case 413 -> TOO_LARGE;
      case 403 -> FORBIDDEN;
      case 503 -> UNAVAILABLE;
      default -> status < 400 ? OK : status < 500 ? BAD_REQUEST : ERROR;
    };
  }
}
