package io.stratus.common.resource;

/**
 * Who among a customer's users may see a row of a kind, beyond the right to read the kind at all.
 * The qualifier of that right (ANY, MINE, GROUP) narrows lists and single reads accordingly.
 */
public enum Ownership {
  /** A global catalogue row (no customer column): every customer reads it. */
  CATALOGUE,
  /** The customer's rows; the right alone decides. */
  CUSTOMER,
  /**
   * Rows owned by a user ({@code owner_user_id}); MINE and GROUP reach the user's own. A row the
   * qualifier does not reach is a 403 when read by id.
   */
  USER,
  /** Rows owned by a user and a group ({@code owner_group_id}); GROUP reaches the group's too. */
  USER_AND_GROUP,
  /**
   * Rows owned by a user or by nobody (shared): MINE and GROUP see their own and the shared ones; a
   * row they do not reach is not found.
   */
  USER_OR_SHARED
}
