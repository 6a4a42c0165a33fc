package io.stratus.common.access;

/**
 * How far a right reaches, as in enStratus: every resource of the customer, the resources of the
 * user's groups (and the user's own), or only the user's own.
 */
public enum Qualifier {
  MINE,
  GROUP,
  ANY;

  /** The wider of two. */
  public Qualifier or(Qualifier other) {
    return other == null || compareTo(other) >= 0 ? this : other;
  }
}
