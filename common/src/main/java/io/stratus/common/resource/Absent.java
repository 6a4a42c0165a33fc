package io.stratus.common.resource;

/** How a field whose value is null is written. */
public enum Absent {
  /** Left out of the object. */
  OMIT,
  /** Written as JSON {@code null}. */
  NULL,
  /** Written as {@code []} (lists only). */
  EMPTY_LIST
}
