package io.stratus.api.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/** Small helpers for building enStratus-shaped answers and reading request bodies. */
public final class Json {
  /** How enStratus wrote times (UTC): {@code 2026-01-02T03:04:05.000+0000}. */
  private static final DateTimeFormatter DIALECT_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'+0000'");

  private Json() {}

  /** An ordered object; null values are left out. */
  public static Map<String, Object> object(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
      if (keysAndValues[i + 1] != null) {
        map.put((String) keysAndValues[i], keysAndValues[i + 1]);
      }
    }
    return map;
  }

  /** A reference to a related resource, e.g. {@code {"regionId": 4}}; null when id is null. */
  public static Map<String, Object> ref(String idField, Long id) {
    return id == null ? null : object(idField, id);
  }

  public static Long nullableLong(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : value;
  }

  /** A DATETIME column (UTC, as every session is) as an ISO-8601 instant. */
  public static String time(ResultSet rs, String column) throws SQLException {
    return instant(rs.getObject(column, LocalDateTime.class));
  }

  /**
   * A UTC date-time column as enStratus wrote times, {@code 2026-01-02T03:04:05.000+0000}
   * (milliseconds always, a numeric offset), the form its clients parse; null when the column is.
   */
  public static String dialectTime(ResultSet rs, int column) throws SQLException {
    LocalDateTime t = rs.getObject(column, LocalDateTime.class);
    return t == null ? null : DIALECT_TIME.format(t);
  }

  /** As {@link #time(ResultSet, String)}, by column index. */
  public static String time(ResultSet rs, int column) throws SQLException {
    return instant(rs.getObject(column, LocalDateTime.class));
  }

  /**
   * A UTC date-time as an ISO-8601 instant, exactly as {@code t.toInstant(UTC).toString()} writes
   * it (fraction in groups of three digits, none when zero), without the formatter's cost.
   */
  public static String instant(LocalDateTime t) {
    if (t == null) {
      return null;
    }
    int year = t.getYear();
    if (year < 1000 || year > 9999) {
      return t.toInstant(ZoneOffset.UTC).toString();
    }
    int nano = t.getNano();
    int length =
        nano == 0 ? 20 : nano % 1_000_000 == 0 ? 24 : nano % 1000 == 0 ? 27 : 30; // Z included
    char[] c = new char[length];
    digits(c, 0, year, 4);
    c[4] = '-';
    digits(c, 5, t.getMonthValue(), 2);
    c[7] = '-';
    digits(c, 8, t.getDayOfMonth(), 2);
    c[10] = 'T';
    digits(c, 11, t.getHour(), 2);
    c[13] = ':';
    digits(c, 14, t.getMinute(), 2);
    c[16] = ':';
    digits(c, 17, t.getSecond(), 2);
    if (nano != 0) {
      c[19] = '.';
      int fraction = length - 21;
      int scaled = nano;
      for (int i = fraction; i < 9; i++) {
        scaled /= 10;
      }
      digits(c, 20, scaled, fraction);
    }
    c[length - 1] = 'Z';
    return new String(c);
  }

  private static void digits(char[] c, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      c[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }

  public static String time(Instant t) {
    return t == null ? null : t.toString();
  }

  /**
   * The one element of an enStratus action body such as {@code {"launch":[{...}]}}: the named
   * array's first object.
   *
   * @throws ApiException 400 when the body is not shaped so
   */
  public static JsonNode action(JsonNode body, String name) {
    if (body == null || !body.isObject()) {
      throw ApiException.badRequest("the body must be a JSON object {\"" + name + "\":[{...}]}");
    }
    JsonNode list = body.get(name);
    if (list == null || !list.isArray() || list.isEmpty() || !list.get(0).isObject()) {
      throw ApiException.badRequest("the body must be {\"" + name + "\":[{...}]}");
    }
    if (list.size() > 1) {
      throw ApiException.badRequest("\"" + name + "\" takes one element per request");
    }
    return list.get(0);
  }

  /** An optional id: a JSON integer, or a string of digits; 400 otherwise. */
  public static Long id(JsonNode node, String field) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isIntegralNumber() && node.canConvertToLong() && node.asLong() > 0) {
      return node.asLong();
    }
    if (node.isTextual() && node.asText().matches("[0-9]{1,18}")) {
      long value = Long.parseLong(node.asText());
      if (value > 0) {
        return value;
      }
    }
    throw ApiException.badRequest(field + " must be a positive integer id");
  }

  /**
   * An id nested as enStratus does, e.g. {@code "machineImage": {"machineImageId": 4}}, or given
   * plain as some of its clients send it ({@code "dataCenter": 5} or {@code "5"}).
   */
  public static Long nestedId(JsonNode parent, String object, String field) {
    JsonNode node = parent.get(object);
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isIntegralNumber() || node.isTextual()) {
      return id(node, object + "." + field);
    }
    if (!node.isObject()) {
      throw ApiException.badRequest(object + " must be an object {\"" + field + "\": id}");
    }
    return id(node.get(field), object + "." + field);
  }

  /** An optional string of at most {@code max} characters; 400 for another type. */
  public static String text(JsonNode parent, String field, int max) {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw ApiException.badRequest(field + " must be a string");
    }
    if (node.asText().length() > max) {
      throw ApiException.badRequest(field + " must be at most " + max + " characters");
    }
    return node.asText();
  }

  /** A path id: a positive integer; 400 otherwise. */
  public static long pathId(String value, String what) {
    if (value == null || !value.matches("[0-9]{1,18}") || Long.parseLong(value) <= 0) {
      throw ApiException.badRequest(what + " must be a positive integer id");
    }
    return Long.parseLong(value);
  }
}
