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
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code network/IpAddress}: its actions (its reads are {@link
 * io.stratus.api.resource.KindController}'s): request one ({@code POST
 * {"requestAddress":[{"region":{"regionId":N}}]}}), assign and unassign ({@code PUT
 * {"assign":[{"server":{"serverId":N}}]}}, {@code {"unassign":[{}]}}), release ({@code DELETE}).
 * Rights: resource {@code ip_address}, actions {@code read}, {@code create}, {@code assign}, {@code
 * unassign}, {@code remove}.
 */
@RestController
@RequestMapping(Api.BASE + "/network/IpAddress")
public class IpAddressController {
  private final KindReads reads;
  private final DispatcherGateway dispatcher;

  public IpAddressController(KindReads reads, DispatcherGateway dispatcher) {
    this.reads = reads;
    this.dispatcher = dispatcher;
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
      reads.check(Network.IP_ADDRESS, access, "assign", addressId);
      return Jobs.accepted(
          dispatcher.act(
              access,
              "POST",
              "/ip-addresses/" + addressId + "/assign",
              Map.of("serverId", serverId)));
    }
    if (body.has("unassign")) {
      Json.action(body, "unassign");
      reads.check(Network.IP_ADDRESS, access, "unassign", addressId);
      return Jobs.accepted(
          dispatcher.act(access, "POST", "/ip-addresses/" + addressId + "/unassign", null));
    }
    throw ApiException.badRequest("unknown IP address action; use assign or unassign");
  }

  @DeleteMapping("/{id}")
  public ResponseEntity<Map<String, Object>> release(Access access, @PathVariable String id) {
    long addressId = Json.pathId(id, "ipAddressId");
    reads.check(Network.IP_ADDRESS, access, "remove", addressId);
    return Jobs.accepted(dispatcher.act(access, "DELETE", "/ip-addresses/" + addressId, null));
  }
}
