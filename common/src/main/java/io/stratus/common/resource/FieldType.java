package io.stratus.common.resource;

/** What a field's column holds and how it is written. */
public enum FieldType {
  /** The kind's own id, a positive long; always the first field. */
  ID,
  /** A whole number (BIGINT). */
  LONG,
  /** A whole number (INT). */
  INT,
  /** A boolean (TINYINT(1)). */
  BOOLEAN,
  /** A string, possibly turned by the field's {@link Field#text() text} mapping. */
  STRING,
  /** A string column written as a list: {@code ["10.0.0.1"]}, or the field's absent form. */
  STRING_LIST,
  /** A UTC DATETIME written as an ISO-8601 instant. */
  TIME,
  /**
   * A UTC DATETIME written as enStratus wrote times, with milliseconds and a numeric offset ({@code
   * 2026-01-02T03:04:05.000+0000}), for the fields clients parse in that form.
   */
  DIALECT_TIME,
  /** An amount in millionths (BIGINT), written as a decimal with six places. */
  MICROS,
  /** A related resource, {@code {"regionId": 4}} (with its name where asked). */
  REF,
  /** A related resource written as a one-element list, {@code [{"groupId": 4}]}. */
  REF_LIST
}
