package io.stratus.console.web;

import io.stratus.common.job.Action;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Internal names in human words, for every page ({@code ${@words.action(job.action)}} in a
 * template): job actions ("Launch server", not {@code server.launch}), the resource a job is about
 * ("account main", not {@code cloud_account 1}) and field names ("Access key", not {@code
 * accessKey}).
 */
@Component("words")
public class Words {
  private static final Map<String, String> TYPES =
      Map.of(
          "cloud_account", "account",
          "machine_image", "image",
          "ip_address", "IP address",
          "firewall_rule", "firewall rule",
          "server_product", "product",
          "data_center", "data centre",
          "api_key", "API key",
          "audit_event", "audit event");

  /**
   * A resource's name by its job's {@code resource_type} and {@code resource_id}, as a column of a
   * {@code job} query (alias {@code j}), or null for a type without names.
   */
  public static final String JOB_RESOURCE_NAME =
      """
      CASE j.resource_type
        WHEN 'server' THEN (SELECT name FROM server WHERE id = j.resource_id)
        WHEN 'cloud_account' THEN (SELECT name FROM cloud_account WHERE id = j.resource_id)
        WHEN 'machine_image' THEN (SELECT name FROM machine_image WHERE id = j.resource_id)
        WHEN 'volume' THEN (SELECT name FROM volume WHERE id = j.resource_id)
        WHEN 'snapshot' THEN (SELECT name FROM snapshot WHERE id = j.resource_id)
        WHEN 'firewall' THEN (SELECT name FROM firewall WHERE id = j.resource_id)
        WHEN 'ip_address' THEN (SELECT address FROM ip_address WHERE id = j.resource_id)
      END AS resource_name""";

  private static final Words WORDS = new Words();

  /**
   * Adds to a job's row what it is about in words ({@code about}, from its {@code resource_type},
   * {@code resource_id} and {@link #JOB_RESOURCE_NAME}) and that resource's page ({@code
   * about_link}, or null); answers the row.
   */
  public static Map<String, Object> about(Map<String, Object> job) {
    Object type = job.get("resource_type");
    Object id = job.get("resource_id");
    job.put("about", WORDS.resource((String) type, id, job.get("resource_name")));
    job.put("about_link", WORDS.link((String) type, id));
    return job;
  }

  /** A job action in words; a kind no {@link Action} has is shown as it is. */
  public String action(String kind) {
    return kind == null ? "" : Action.ofKind(kind).map(Words::of).orElse(kind);
  }

  /** Every action's words: a new action does not compile until it has some. */
  static String of(Action action) {
    return switch (action) {
      case ACCOUNT_REGISTER -> "Add cloud account";
      case ACCOUNT_TEST -> "Test cloud account";
      case SERVER_LAUNCH -> "Launch server";
      case SERVER_START -> "Start server";
      case SERVER_STOP -> "Stop server";
      case SERVER_REBOOT -> "Reboot server";
      case SERVER_TERMINATE -> "Terminate server";
      case SERVER_RUN_SCRIPT -> "Run event script";
      case IMAGE_CAPTURE -> "Capture image";
      case IMAGE_REMOVE -> "Remove image";
      case VOLUME_CREATE -> "Create volume";
      case VOLUME_ATTACH -> "Attach volume";
      case VOLUME_DETACH -> "Detach volume";
      case VOLUME_REMOVE -> "Remove volume";
      case SNAPSHOT_CREATE -> "Take snapshot";
      case SNAPSHOT_REMOVE -> "Remove snapshot";
      case IP_REQUEST -> "Request IP address";
      case IP_ASSIGN -> "Assign IP address";
      case IP_UNASSIGN -> "Unassign IP address";
      case IP_RELEASE -> "Release IP address";
      case FIREWALL_CREATE -> "Create firewall";
      case FIREWALL_AUTHORIZE -> "Add firewall rule";
      case FIREWALL_REVOKE -> "Revoke firewall rule";
      case FIREWALL_REMOVE -> "Remove firewall";
    };
  }

  /** A resource type in words: {@code cloud_account} → "account". */
  public String type(String type) {
    return type == null ? "" : TYPES.getOrDefault(type, type.replace('_', ' '));
  }

  /** A resource in words: "server web-1" by its name, else "server 12" by its id. */
  public String resource(String type, Object id, Object name) {
    if (type == null) {
      return "—";
    }
    Object which = name != null ? name : id;
    return which == null ? type(type) : type(type) + " " + which;
  }

  /** The console's page of a resource, where it has one (a server, an account, a firewall). */
  public String link(String type, Object id) {
    if (id == null || type == null) {
      return null;
    }
    return switch (type) {
      case "server" -> "/servers/" + id;
      case "cloud_account" -> "/accounts/" + id;
      case "firewall" -> "/firewalls/" + id;
      default -> null;
    };
  }

  /**
   * A declared field's name in words: {@code accessKey} → "Access key", {@code sizeGb} → "Size
   * (GB)", {@code projectId} → "Project ID".
   */
  /**
   * A driver's credential field as its form labels it: the driver's own label, else its name in
   * words.
   */
  public String field(io.stratus.cloud.spi.ConfigField field) {
    return field.label() != null ? field.label() : field(field.name());
  }

  public String field(String name) {
    if (name == null || name.isEmpty()) {
      return "";
    }
    StringBuilder words = new StringBuilder();
    for (String part : name.split("(?<=[a-z0-9])(?=[A-Z])|_")) {
      String word =
          switch (part.toLowerCase(Locale.ROOT)) {
            case "gb" -> "(GB)";
            case "mb" -> "(MB)";
            case "id" -> "ID";
            case "url" -> "URL";
            case "ip" -> "IP";
            case "cidr" -> "CIDR";
            default -> part.toLowerCase(Locale.ROOT);
          };
      if (!words.isEmpty()) {
        words.append(' ');
      }
      words.append(word);
    }
    return Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }
}
