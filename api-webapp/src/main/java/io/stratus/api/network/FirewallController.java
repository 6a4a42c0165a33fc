package io.stratus.api.network;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratus.api.Api;
import io.stratus.api.dispatch.DispatcherGateway;
import io.stratus.api.dispatch.Jobs;
import io.stratus.api.web.ApiException;
import io.stratus.api.web.Json;
import io.stratus.api.web.OwnedReads;
import io.stratus.common.access.Access;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code network/Firewall}: list, show, create ({@code POST
 * {"addFirewall":[{"name":...,"description":...,"region":{"regionId":N}}]}}), remove. Rights:
 * resource {@code firewall}, actions {@code read}, {@code create}, {@code remove} (and {@code
 * manage} for its rules, see {@link FirewallRuleController}).
 */
@RestController
@RequestMapping(Api.BASE + "/network/Firewall")
public class FirewallController {
  static final String SELECT =
      """
      SELECT x.id, x.customer_id, x.cloud_account_id, x.region_id, x.provider_firewall_id, x.name,
             x.description, x.state, x.owner_user_id, x.created_at
        FROM firewall x
       WHERE x.customer_id = :customer
      """;
  private final OwnedReads reads;
  private final DispatcherGateway dispatcher;

  public FirewallController(OwnedReads reads, DispatcherGateway dispatcher) {
    this.reads = reads;
    this.dispatcher = dispatcher;
  }

  @GetMapping
  public Map<String, Object> list(
      Access access, @RequestParam(name = "regionId", required = false) String regionId) {
    return Map.of(
        "firewalls", reads.listInRegion(access, "firewall", SELECT, regionId, (rs, n) -> view(rs)));
  }

  @GetMapping("/{id}")
  public Map<String, Object> get(Access access, @PathVariable String id) {
    long firewallId = Json.pathId(id, "firewallId");
    return Map.of(
        "firewalls",
        List.of(
            reads.get(
                access, "firewall", "read", SELECT, firewallId, "firewall", (rs, n) -> view(rs))));
  }

  @PostMapping
  public ResponseEntity<Map<String, Object>> create(Access access, @RequestBody JsonNode body) {
    access.require("firewall", "create");
    JsonNode add = Json.action(body, "addFirewall");
    Long regionId = Json.nestedId(add, "region", "regionId");
    if (regionId == null) {
      throw ApiException.badRequest("region.regionId is required");
    }
    String name = Json.text(add, "name", 200);
    if (name == null || name.isBlank()) {
      throw ApiException.badRequest("name is required");
    }
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("regionId", regionId);
    request.put("name", name);
    request.put("description", Json.text(add, "description", 1000));
    return Jobs.accepted(dispatcher.act(access, "POST", "/firewalls", request));
  }

  @DeleteMapping("/{id}")
  public ResponseEntity<Map<String, Object>> remove(Access access, @PathVariable String id) {
    long firewallId = Json.pathId(id, "firewallId");
    reads.get(access, "firewall", "remove", SELECT, firewallId, "firewall", (rs, n) -> Map.of());
    return Jobs.accepted(dispatcher.act(access, "DELETE", "/firewalls/" + firewallId, null));
  }

  private static Map<String, Object> view(ResultSet rs) throws SQLException {
    return Json.object(
        "firewallId", rs.getLong("id"),
        "providerId", rs.getString("provider_firewall_id"),
        "name", rs.getString("name"),
        "description", rs.getString("description"),
        "status", rs.getString("state").toUpperCase(Locale.ROOT),
        "region", Json.ref("regionId", rs.getLong("region_id")),
        "owningAccount", Json.ref("accountId", rs.getLong("cloud_account_id")),
        "owningUser", Json.ref("userId", Json.nullableLong(rs, "owner_user_id")),
        "customer", Json.ref("customerId", rs.getLong("customer_id")),
        "creationTimestamp", Json.time(rs, "created_at"));
  }
}
