package io.stratus.api.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratus.api.web.ApiException;
import io.stratus.api.web.Json;
import io.stratus.common.access.Access;
import io.stratus.common.identity.IdentityAudit.Actor;
import io.stratus.common.identity.IdentityRules.Right;
import io.stratus.common.identity.People;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reading the enStratus bodies of {@code admin/User}, {@code admin/Group} and {@code admin/Role}
 * writes. An action is named by the body's one key; its value is an array of one object, as in
 * {@code {"addGroup":[{"name":"ops"}]}}, or (as mixcoatl sends some) one object, possibly wrapping
 * the resource: {@code {"describeGroup":{"group":{"name":"ops"}}}}.
 */
final class PeopleRequests {
  /**
   * The enStratus {@code status} of a group or a role: Stratus' have no life cycle (they exist
   * until removed), so every one listed is ACTIVE.
   */
  static final String ACTIVE = "ACTIVE";

  private PeopleRequests() {}

  /** Who acts: the key's user, by its e-mail address, from the caller's address. */
  static Actor actor(People people, Access access, HttpServletRequest request) {
    return people.actor(access.customerId(), access.userId(), request.getRemoteAddr());
  }

  /** The one action a PUT body names, among those the resource takes; 400 otherwise. */
  static String action(JsonNode body, List<String> actions) {
    String expected = "the body must be one of " + String.join(", ", actions) + ": {\"";
    if (body == null || !body.isObject() || body.size() != 1) {
      throw ApiException.badRequest(expected + actions.get(0) + "\":[{...}]}");
    }
    String name = body.fieldNames().next();
    if (!actions.contains(name)) {
      throw ApiException.badRequest(expected + actions.get(0) + "\":[{...}]}, not " + name);
    }
    return name;
  }

  /**
   * The action's element: {@code {"name":[{...}]}} or {@code {"name":{...}}}; an element that only
   * wraps the resource ({@code {"group":{...}}}) is unwrapped.
   */
  static JsonNode element(JsonNode body, String name, String wrapper) {
    JsonNode value = body == null || !body.isObject() ? null : body.get(name);
    JsonNode element =
        value != null && value.isObject() ? value : Json.action(body, name); // 400 if neither
    JsonNode inner = element.get(wrapper);
    return element.size() == 1 && inner != null && inner.isObject() ? inner : element;
  }

  /** A required string: 400 when missing, blank or not a string. */
  static String required(JsonNode element, String field, int max) {
    String value = Json.text(element, field, max);
    if (value == null || value.isBlank()) {
      throw ApiException.badRequest(field + " is required");
    }
    return value;
  }

  /** The first of the fields present, as a string; null when none is. */
  static String text(JsonNode element, int max, String... fields) {
    for (String field : fields) {
      String value = Json.text(element, field, max);
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  /** A required nested id, e.g. {@code "role":{"roleId":4}}. */
  static long ref(JsonNode element, String object, String field) {
    Long id = Json.nestedId(element, object, field);
    if (id == null) {
      throw ApiException.badRequest(object + " is required: {\"" + field + "\": id}");
    }
    return id;
  }

  /** A list of references, e.g. {@code "groups":[{"groupId":4}]}; empty when absent. */
  static List<Long> refs(JsonNode element, String field, String idField) {
    JsonNode list = element.get(field);
    if (list == null || list.isNull()) {
      return List.of();
    }
    if (!list.isArray() || list.size() > 100) {
      throw ApiException.badRequest(
          field + " must be an array of at most 100 {\"" + idField + "\": id}");
    }
    List<Long> ids = new ArrayList<>();
    for (JsonNode ref : list) {
      Long id = ref.isObject() ? Json.id(ref.get(idField), field + "." + idField) : null;
      if (id == null) {
        throw ApiException.badRequest(field + " must be an array of {\"" + idField + "\": id}");
      }
      ids.add(id);
    }
    return ids;
  }

  /**
   * Rights as enStratus' {@code acl}: {@code [{"resourceType":"server","action":"read",
   * "qualifier":"ANY"}]} (also read from {@code rights}, as roles are shown); the qualifier is
   * required only when {@code withQualifier}.
   */
  static List<Right> acl(JsonNode element, boolean withQualifier) {
    JsonNode list = element.has("acl") ? element.get("acl") : element.get("rights");
    if (list == null || list.isNull()) {
      return List.of();
    }
    if (!list.isArray() || list.size() > 200) {
      throw ApiException.badRequest("acl must be an array of at most 200 rights");
    }
    List<Right> rights = new ArrayList<>();
    for (JsonNode right : list) {
      if (!right.isObject()) {
        throw ApiException.badRequest(
            "acl must be an array of {\"resourceType\",\"action\",\"qualifier\"}");
      }
      rights.add(
          Right.of(
              required(right, "resourceType", 64),
              required(right, "action", 64),
              withQualifier ? required(right, "qualifier", 8) : "ANY"));
    }
    return rights;
  }

  /** A right as shown: {@code {"resourceType","action","qualifier"}}. */
  static Map<String, Object> view(Right right) {
    return Json.object(
        "resourceType", right.resourceType(),
        "action", right.action(),
        "qualifier", right.qualifier());
  }
}
