package io.stratus.api.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;

/** {@code x-es-details}: how much of each resource to show; basic unless asked otherwise. */
public enum Details {
  /** Ids only. */
  NONE,
  /** The usual fields. */
  BASIC,
  /** Everything, with related resources' names. */
  EXTENDED;

  public static final String HEADER = "x-es-details";

  public static Details of(HttpServletRequest request) {
    String value = request.getHeader(HEADER);
    if (value == null || value.isBlank()) {
      return BASIC;
    }
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(HEADER + " must be none, basic or extended");
    }
  }
}
