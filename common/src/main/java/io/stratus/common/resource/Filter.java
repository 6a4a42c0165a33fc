package io.stratus.common.resource;

/**
 * A filter a list of a kind takes.
 *
 * @param param the API's query parameter, as enStratus names it (e.g. {@code regionId})
 * @param consoleParam the console's query parameter (e.g. {@code account}); null when the console
 *     does not offer it
 * @param sql the expression compared (e.g. {@code x.region_id})
 * @param type how the parameter is read and compared
 * @param label the console's label for it
 */
public record Filter(String param, String consoleParam, String sql, Type type, String label) {

  /** How a filter's value is read and compared. */
  public enum Type {
    /** A positive id; equal. */
    ID,
    /** Any text; the column contains it, ignoring case, with {@code %} and {@code _} literal. */
    TEXT,
    /** One of the column's stored values; equal. */
    VALUE
  }
}
