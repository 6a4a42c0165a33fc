package io.stratus.common.resource;

/** How a field whose value is null is written. */
public enum Absent {
  /** Left out of the object. */
  OMIT,
  /** Written as JSON {@code null}. */
  NULL,
  /** Written as {@code []} (lists only). */
  EMPTY_LIST,
  /**
   * Written as a reference to nothing, {@code {"dataCenterId": null}} (references only): the form
   * enStratus clients read a related resource from without first asking whether there is one.
   */
  EMPTY_REF
}
