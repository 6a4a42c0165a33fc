package io.stratus.api.network;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratus.api.Api;
import io.stratus.api.dispatch.DispatcherGateway;
import io.stratus.api.dispatch.Jobs;
import io.stratus.api.web.ApiException;
import io.stratus.api.web.Json;
import io.stratus.api.web.OwnedReads;
import io.stratus.common.access.Access;
import io.stratus.common.access.Qualifier;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code network/FirewallRule}: the rules of the caller's firewalls; authorize ({@code POST
 * {"addRule":[{"firewall":{"firewallId":N},"protocol":"TCP","startPort":22,"endPort":22,
 * "sourceCidr":"10.0.0.0/8","direction":"INGRESS"}]}}; {@code firewallId} and {@code cidr} may be
 * flat, the source may be mixcoatl's {@code "source"/"sourceType":"CIDR"}) and revoke ({@code
 * DELETE}). A rule belongs to its firewall: rights are the firewall's ({@code read}, {@code
 * manage}).
 */
@RestController
@RequestMapping(Api.BASE + "/network/FirewallRule")
public class FirewallRuleController {
  private static final String SELECT =
      """
      SELECT r.id, r.customer_id, r.firewall_id, r.provider_rule_id, r.direction, r.permission,
             r.protocol, r.from_port, r.to_port, r.source_cidr, r.created_at, f.owner_user_id
        FROM firewall_rule r JOIN firewall f ON f.id = r.firewall_id
       WHERE r.customer_id = :customer
      """;
  private final JdbcClient jdbc;
  private final OwnedReads reads;
  private final DispatcherGateway dispatcher;

  public FirewallRuleController(DataSource source, OwnedReads reads, DispatcherGateway dispatcher) {
    this.jdbc = JdbcClient.create(source);
    this.reads = reads;
    this.dispatcher = dispatcher;
  }

  @GetMapping
  public Map<String, Object> list(
      Access access, @RequestParam(name = "firewallId", required = false) String firewallId) {
    Qualifier q = access.require("firewall", "read");
    Long firewall = firewallId == null ? null : Json.pathId(firewallId, "firewallId");
    List<Map<String, Object>> rules =
        jdbc.sql(
                SELECT
                    + " AND (:firewall IS NULL OR r.firewall_id = :firewall)"
                    + access.userFilter(q, "f")
                    + " ORDER BY r.id")
            .param("customer", access.customerId())
            .param("firewall", firewall)
            .param("accessUser", access.userId())
            .query((rs, n) -> view(rs))
            .list();
    return Map.of("rules", rules);
  }

  @GetMapping("/{id}")
  public Map<String, Object> get(Access access, @PathVariable String id) {
    long ruleId = Json.pathId(id, "firewallRuleId");
    return Map.of("rules", List.of(rule(access, "read", ruleId)));
  }

  @PostMapping
  public ResponseEntity<Map<String, Object>> add(Access access, @RequestBody JsonNode body) {
    JsonNode add = Json.action(body, "addRule");
    Long firewallId =
        add.has("firewallId")
            ? Json.id(add.get("firewallId"), "firewallId")
            : Json.nestedId(add, "firewall", "firewallId");
    if (firewallId == null) {
      throw ApiException.badRequest("firewall.firewallId is required");
    }
    reads.get(
        access,
        "firewall",
        "manage",
        FirewallController.SELECT,
        firewallId,
        "firewall",
        (rs, n) -> Map.of());
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("protocol", Json.text(add, "protocol", 8));
    request.put("fromPort", port(add, "startPort"));
    request.put("toPort", port(add, "endPort"));
    request.put("cidr", sourceCidr(add));
    request.put("direction", Json.text(add, "direction", 8));
    return Jobs.accepted(
        dispatcher.act(access, "POST", "/firewalls/" + firewallId + "/rules", request));
  }

  @DeleteMapping("/{id}")
  public ResponseEntity<Map<String, Object>> revoke(Access access, @PathVariable String id) {
    long ruleId = Json.pathId(id, "firewallRuleId");
    Map<String, Object> rule = rule(access, "manage", ruleId);
    long firewallId = (Long) ((Map<?, ?>) rule.get("firewall")).get("firewallId");
    return Jobs.accepted(
        dispatcher.act(access, "DELETE", "/firewalls/" + firewallId + "/rules/" + ruleId, null));
  }

  private Map<String, Object> rule(Access access, String action, long ruleId) {
    Qualifier q = access.require("firewall", action);
    return jdbc.sql(SELECT + " AND r.id = :id")
        .param("customer", access.customerId())
        .param("id", ruleId)
        .query(
            (rs, n) -> {
              Long owner = Json.nullableLong(rs, "owner_user_id");
              if (!access.owns(q, owner, null)) {
                throw ApiException.forbidden(
                    "you may " + action + " only your own firewall resources");
              }
              return view(rs);
            })
        .optional()
        .orElseThrow(() -> ApiException.notFound("firewall rule", ruleId));
  }

  /**
   * The source as Stratus names it ({@code sourceCidr}), flat as some enStratus clients send it
   * ({@code cidr}), or as mixcoatl does ({@code "source":"10.0.0.0/8","sourceType":"CIDR"}).
   */
  private static String sourceCidr(JsonNode add) {
    String sourceType = Json.text(add, "sourceType", 16);
    if (sourceType != null && !sourceType.equalsIgnoreCase("CIDR")) {
      throw ApiException.badRequest(
          "sourceType " + sourceType.strip() + " is not served: a rule's source is a CIDR");
    }
    String permission = Json.text(add, "permission", 8);
    if (permission != null && !permission.equalsIgnoreCase("ALLOW")) {
      throw ApiException.badRequest("permission: only ALLOW rules are served");
    }
    for (String field : new String[] {"sourceCidr", "cidr", "source"}) {
      String cidr = Json.text(add, field, 64);
      if (cidr != null) {
        return cidr;
      }
    }
    return null;
  }

  private static Integer port(JsonNode parent, String field) {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isIntegralNumber() || !node.canConvertToInt()) {
      throw ApiException.badRequest(field + " must be a port number");
    }
    return node.asInt();
  }

  private static Map<String, Object> view(ResultSet rs) throws SQLException {
    return Json.object(
        "firewallRuleId", rs.getLong("id"),
        "providerId", rs.getString("provider_rule_id"),
        "firewall", Json.ref("firewallId", rs.getLong("firewall_id")),
        "direction", rs.getString("direction"),
        "permission", rs.getString("permission"),
        "protocol", rs.getString("protocol"),
        "startPort", Json.nullableLong(rs, "from_port"),
        "endPort", Json.nullableLong(rs, "to_port"),
        "sourceCidr", rs.getString("source_cidr"),
        "customer", Json.ref("customerId", rs.getLong("customer_id")),
        "creationTimestamp", Json.time(rs, "created_at"));
  }
}
