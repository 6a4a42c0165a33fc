package io.stratus.cloud.local.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reading request bodies and query values strictly: a wrong type is a 400 naming the field. */
final class Bodies {
  private Bodies() {}

  static Map<String, Object> items(List<?> items) {
    return Map.of("items", items);
  }

  static int pageSize(String value) {
    if (value == null) {
      return 100;
    }
    try {
      int size = Integer.parseInt(value);
      if (size >= 1 && size <= 1000) {
        return size;
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw ApiException.badRequest("pageSize must be 1..1000");
  }

  static String text(JsonNode body, String field) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw ApiException.badRequest(field + " must be a string");
    }
    return node.asText();
  }

  static String required(JsonNode body, String field) {
    String value = text(body, field);
    if (value == null || value.isBlank()) {
      throw ApiException.badRequest(field + " is required");
    }
    return value;
  }

  static Integer integer(JsonNode body, String field) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isIntegralNumber() || !node.canConvertToInt()) {
      throw ApiException.badRequest(field + " must be a whole number");
    }
    return node.asInt();
  }

  static List<String> texts(JsonNode body, String field) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw ApiException.badRequest(field + " must be an array of strings");
    }
    List<String> values = new ArrayList<>();
    for (JsonNode item : node) {
      if (!item.isTextual()) {
        throw ApiException.badRequest(field + " must be an array of strings");
      }
      values.add(item.asText());
    }
    return values;
  }
}
