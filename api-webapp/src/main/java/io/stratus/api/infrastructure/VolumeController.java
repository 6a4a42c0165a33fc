package io.stratus.api.infrastructure;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratus.api.Api;
import io.stratus.api.dispatch.DispatcherGateway;
import io.stratus.api.dispatch.Jobs;
import io.stratus.api.resource.KindReads;
import io.stratus.api.web.ApiException;
import io.stratus.api.web.Json;
import io.stratus.common.access.Access;
import io.stratus.common.resource.kinds.Infrastructure;
import java.util.LinkedHashMap;
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
 * {@code infrastructure/Volume}: its actions (its reads are {@link
 * io.stratus.api.resource.KindController}'s): create ({@code POST {"addVolume":[{...}]}}), attach
 * and detach ({@code PUT {"attach":[{"server":{"serverId":N},"deviceId":...}]}}, {@code
 * {"detach":[{}]}}), remove ({@code DELETE}). Rights: resource {@code volume}, actions {@code
 * read}, {@code create}, {@code attach}, {@code detach}, {@code remove}.
 */
@RestController
@RequestMapping(Api.BASE + "/infrastructure/Volume")
public class VolumeController {
  private final KindReads reads;
  private final DispatcherGateway dispatcher;

  public VolumeController(KindReads reads, DispatcherGateway dispatcher) {
    this.reads = reads;
    this.dispatcher = dispatcher;
  }

  /**
   * {@code {"addVolume":[{"name":..., "sizeInGb":N, "region":{"regionId":N},
   * "dataCenter":{"dataCenterId":N}}]}}; 202 with the job. The region may be left out when a data
   * centre is given: it is the data centre's.
   */
  @PostMapping
  public ResponseEntity<Map<String, Object>> create(Access access, @RequestBody JsonNode body) {
    access.require("volume", "create");
    JsonNode add = Json.action(body, "addVolume");
    Long dataCenterId = Json.nestedId(add, "dataCenter", "dataCenterId");
    Long regionId = Json.nestedId(add, "region", "regionId");
    if (regionId == null && dataCenterId == null) {
      throw ApiException.badRequest("region.regionId (or dataCenter.dataCenterId) is required");
    }
    JsonNode size = add.get("sizeInGb");
    if (size == null || !size.isIntegralNumber() || !size.canConvertToInt() || size.asInt() < 1) {
      throw ApiException.badRequest("sizeInGb must be a positive whole number");
    }
    String name = Json.text(add, "name", 200);
    if (name == null || name.isBlank()) {
      throw ApiException.badRequest("name is required");
    }
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("regionId", regionId);
    request.put("dataCenterId", dataCenterId);
    request.put("name", name);
    request.put("sizeGb", size.asInt());
    return Jobs.accepted(dispatcher.act(access, "POST", "/volumes", request));
  }

  /**
   * {@code {"attach":[{"server":{"serverId":N},"deviceId":"/dev/sdf"}]}} or {@code
   * {"detach":[{}]}}.
   */
  @PutMapping("/{id}")
  public ResponseEntity<Map<String, Object>> change(
      Access access, @PathVariable String id, @RequestBody JsonNode body) {
    long volumeId = Json.pathId(id, "volumeId");
    if (body == null || !body.isObject() || body.size() != 1) {
      throw ApiException.badRequest(
          "the body must name one action: {\"attach\":[{...}]} or {\"detach\":[{}]}");
    }
    if (body.has("attach")) {
      JsonNode attach = Json.action(body, "attach");
      Long serverId = Json.nestedId(attach, "server", "serverId");
      if (serverId == null) {
        throw ApiException.badRequest("server.serverId is required");
      }
      reads.check(Infrastructure.VOLUME, access, "attach", volumeId);
      Map<String, Object> request = new LinkedHashMap<>();
      request.put("serverId", serverId);
      request.put("device", Json.text(attach, "deviceId", 64));
      return Jobs.accepted(
          dispatcher.act(access, "POST", "/volumes/" + volumeId + "/attach", request));
    }
    if (body.has("detach")) {
      Json.action(body, "detach");
      reads.check(Infrastructure.VOLUME, access, "detach", volumeId);
      return Jobs.accepted(
          dispatcher.act(access, "POST", "/volumes/" + volumeId + "/detach", null));
    }
    throw ApiException.badRequest("unknown volume action; use attach or detach");
  }

  @DeleteMapping("/{id}")
  public ResponseEntity<Map<String, Object>> remove(Access access, @PathVariable String id) {
    long volumeId = Json.pathId(id, "volumeId");
    reads.check(Infrastructure.VOLUME, access, "remove", volumeId);
    return Jobs.accepted(dispatcher.act(access, "DELETE", "/volumes/" + volumeId, null));
  }
}
