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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code network/IpAddress}: list, show, request one ({@code POST
 * {"requestAddress":[{"region":{"regionId":N}}]}}), assign and unassign ({@code PUT
 * {"assign":[{"server":{"serverId":N}}]}}, {@code {"unassign":[{}]}}), release ({@code DELETE}).
 * Rights: resource {@code ip_address}, actions {@code read}, {@code create}, {@code assign}, {@code
 * unassign}, {@code remove}.
 */
@RestController
@RequestMapping(Api.BASE + "/network/IpAddress")
public class IpAddressController {
  private static final String SELECT =
      """
      SELECT x.id, x.customer_id, x.cloud_account_id, x.region_id, x.provider_ip_id, x.address,
             x.ip_version, x.state, x.server_id, x.owner_user_id, x.created_at
        FROM ip_address x
       WHERE x.customer_id = :customer
      """;
  private final OwnedReads reads;
  private final DispatcherGateway dispatcher;

  public IpAddressController(OwnedReads reads, DispatcherGateway dispatcher) {
    this.reads = reads;
    this.dispatcher = dispatcher;
  }

  @GetMapping
  public Map<String, Object> list(
      Access access, @RequestParam(name = "regionId", required = false) String regionId) {
    return Map.of(
        "ipAddresses",
        reads.listInRegion(access, "ip_address", SELECT, regionId, (rs, n) -> view(rs)));
  }

  @GetMapping("/{id}")
  public Map<String, Object> get(Access access, @PathVariable String id) {
    long addressId = Json.pathId(id, "ipAddressId");
    return Map.of(
        "ipAddresses",
        List.of(
            reads.get(
                access,
                "ip_address",
                "read",
                SELECT,
                addressId,
                "IP address",
                (rs, n) -> view(rs))));
  }

  @PostMapping
  public ResponseEntity<Map<String, Object>> request(Access access, @RequestBody JsonNode body) {
    access.require("ip_address", "create");
    JsonNode request = Json.action(body, "requestAddress");
    Long regionId = Json.nestedId(request, "region", "regionId");
    if (regionId == null) {
      throw ApiException.badRequest("region.regionId is required");
    }
    return Jobs.accepted(
        dispatcher.act(access, "POST", "/ip-addresses", Map.of("regionId", regionId)));
  }

  @PutMapping("/{id}")
  public ResponseEntity<Map<String, Object>> change(
      Access access, @PathVariable String id, @RequestBody JsonNode body) {
    long addressId = Json.pathId(id, "ipAddressId");
    if (body == null || !body.isObject() || body.size() != 1) {
      throw ApiException.badRequest(
          "the body must name one action: {\"assign\":[{...}]} or {\"unassign\":[{}]}");
    }
    if (body.has("assign")) {
      Long serverId = Json.nestedId(Json.action(body, "assign"), "server", "serverId");
      if (serverId == null) {
        throw ApiException.badRequest("server.serverId is required");
      }
      reads.get(
          access, "ip_address", "assign", SELECT, addressId, "IP address", (rs, n) -> Map.of());
      return Jobs.accepted(
          dispatcher.act(
              access,
              "POST",
              "/ip-addresses/" + addressId + "/assign",
              Map.of("serverId", serverId)));
    }
    if (body.has("unassign")) {
      Json.action(body, "unassign");
      reads.get(
          access, "ip_address", "unassign", SELECT, addressId, "IP address", (rs, n) -> Map.of());
      return Jobs.accepted(
          dispatcher.act(access, "POST", "/ip-addresses/" + addressId + "/unassign", null));
    }
    throw ApiException.badRequest("unknown IP address action; use assign or unassign");
  }

  @DeleteMapping("/{id}")
  public ResponseEntity<Map<String, Object>> release(Access access, @PathVariable String id) {
    long addressId = Json.pathId(id, "ipAddressId");
    reads.get(access, "ip_address", "remove", SELECT, addressId, "IP address", (rs, n) -> Map.of());
    return Jobs.accepted(dispatcher.act(access, "DELETE", "/ip-addresses/" + addressId, null));
  }

  private static Map<String, Object> view(ResultSet rs) throws SQLException {
    return Json.object(
        "ipAddressId", rs.getLong("id"),
        "providerId", rs.getString("provider_ip_id"),
        "address", rs.getString("address"),
        "version", rs.getString("ip_version"),
        "status", rs.getString("state").toUpperCase(Locale.ROOT),
        "server", Json.ref("serverId", Json.nullableLong(rs, "server_id")),
        "region", Json.ref("regionId", rs.getLong("region_id")),
        "owningAccount", Json.ref("accountId", rs.getLong("cloud_account_id")),
        "owningUser", Json.ref("userId", Json.nullableLong(rs, "owner_user_id")),
        "customer", Json.ref("customerId", rs.getLong("customer_id")),
        "creationTimestamp", Json.time(rs, "created_at"));
  }
}
