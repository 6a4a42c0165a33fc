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
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code network/Firewall}: its actions (its reads are {@link
 * io.stratus.api.resource.KindController}'s): create ({@code POST
 * {"addFirewall":[{"name":...,"description":...,"region":{"regionId":N}}]}}), remove. Rights:
 * resource {@code firewall}, actions {@code read}, {@code create}, {@code remove} (and {@code
 * manage} for its rules, see {@link FirewallRuleController}).
 */
@RestController
@RequestMapping(Api.BASE + "/network/Firewall")
public class FirewallController {
  private final KindReads reads;
  private final DispatcherGateway dispatcher;

  public FirewallController(KindReads reads, DispatcherGateway dispatcher) {
    this.reads = reads;
    this.dispatcher = dispatcher;
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
    reads.check(Network.FIREWALL, access, "remove", firewallId);
    return Jobs.accepted(dispatcher.act(access, "DELETE", "/firewalls/" + firewallId, null));
  }
}
