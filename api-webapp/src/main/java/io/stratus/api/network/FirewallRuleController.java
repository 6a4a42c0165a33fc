package io.stratus.api.network;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratus.api.Api;
import io.stratus.api.dispatch.DispatcherGateway;
import io.stratus.api.dispatch.Jobs;
import io.stratus.api.resource.KindReads;
import io.stratus.api.web.ApiException;
import io.stratus.api.web.Json;
import io.stratus.common.access.Access;
import io.stratus.common.resource.kinds.Network;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code network/FirewallRule}: the rules of the caller's firewalls (read through {@link
 * io.stratus.api.resource.KindController}); authorize ({@code POST
 * {"addRule":[{"firewall":{"firewallId":N},"protocol":"TCP","startPort":22,"endPort":22,
 * "sourceCidr":"10.0.0.0/8","direction":"INGRESS"}]}}; {@code firewallId} and {@code cidr} may be
 * flat, the source may be mixcoatl's {@code "source"/"sourceType":"CIDR"}) and revoke ({@code
 * DELETE}). A rule belongs to its firewall: rights are the firewall's ({@code read}, {@code
 * manage}).
 */
@RestController
@RequestMapping(Api.BASE + "/network/FirewallRule")
public class FirewallRuleController {
  private final JdbcClient jdbc;
  private final KindReads reads;
  private final DispatcherGateway dispatcher;

  public FirewallRuleController(DataSource source, KindReads reads, DispatcherGateway dispatcher) {
    this.jdbc = JdbcClient.create(source);
    this.reads = reads;
    this.dispatcher = dispatcher;
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
    reads.check(Network.FIREWALL, access, "manage", firewallId);
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
    reads.check(Network.FIREWALL_RULE, access, "manage", ruleId);
    long firewallId =
        jdbc.sql("SELECT firewall_id FROM firewall_rule WHERE customer_id = ? AND id = ?")
            .params(access.customerId(), ruleId)
            .query(Long.class)
            .single();
    return Jobs.accepted(
        dispatcher.act(access, "DELETE", "/firewalls/" + firewallId + "/rules/" + ruleId, null));
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
}
