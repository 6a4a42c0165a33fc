package io.stratus.common.resource;

/**
 * How much of a resource an answer shows (enStratus' {@code x-es-details}): a field appears at its
 * level and every level above it.
 */
public enum DetailLevel {
  /** Ids only. */
  NONE,
  /** The usual fields. */
  BASIC,
  /** Everything, with related resources' names where the kind asks for them. */
  EXTENDED;

  /** Whether a field declared at {@code level} appears in an answer at this level. */
  public boolean shows(DetailLevel level) {
    return compareTo(level) >= 0;
  }
}
