package io.stratus.common.db;

/**
 * A user's text as a SQL {@code LIKE} pattern that matches it literally: its {@code \}, {@code %}
 * and {@code _} escaped with MySQL's default escape character, {@code \}. Every {@code LIKE} filter
 * of the console and the API builds its pattern here, so no user text is read as a wildcard.
 */
public final class Like {
  private Like() {}

  /**
   * The condition "the column contains the named parameter's text, ignoring case" — {@code
   * LOWER(column) LIKE LOWER(:param)} — whose parameter is {@link #containing}: the one rule of
   * every text filter, as the schema's tables compare case-sensitively ({@code utf8mb4_bin}).
   */
  public static String containsIgnoringCase(String column, String param) {
    return "LOWER(" + column + ") LIKE LOWER(:" + param + ")";
  }

  /** The pattern for values that contain {@code text}: {@code %text%}, escaped. */
  public static String containing(String text) {
    return "%" + escape(text) + "%";
  }

  /** {@code text} with {@code \}, {@code %} and {@code _} escaped. */
  public static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' || c == '%' || c == '_') {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }
}
