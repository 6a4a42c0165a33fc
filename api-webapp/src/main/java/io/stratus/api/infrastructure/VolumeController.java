package io.stratus.api.infrastructure;

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
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
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
 * {@code infrastructure/Volume}: list, show, create ({@code POST {"addVolume":[{...}]}}), attach
 * and detach ({@code PUT {"attach":[{"server":{"serverId":N},"deviceId":...}]}}, {@code
 * {"detach":[{}]}}), remove ({@code DELETE}). Rights: resource {@code volume}, actions {@code
 * read}, {@code create}, {@code attach}, {@code detach}, {@code remove}.
 */
@RestController
@RequestMapping(Api.BASE + "/infrastructure/Volume")
public class VolumeController {
  private static final String SELECT =
      """
      SELECT x.id, x.customer_id, x.cloud_account_id, x.region_id, x.data_center_id,
             x.provider_volume_id, x.name, x.size_gb, x.state, x.server_id, x.device_name,
             x.owner_user_id, x.created_at
        FROM volume x
       WHERE x.customer_id = :customer
      """;
  private final OwnedReads reads;
  private final JdbcClient jdbc;
  private final DispatcherGateway dispatcher;

  public VolumeController(OwnedReads reads, DataSource readsSource, DispatcherGateway dispatcher) {
    this.reads = reads;
    this.jdbc = JdbcClient.create(readsSource);
    this.dispatcher = dispatcher;
  }

  @GetMapping
  public Map<String, Object> list(
      Access access, @RequestParam(name = "regionId", required = false) String regionId) {
    return Map.of(
        "volumes", reads.listInRegion(access, "volume", SELECT, regionId, (rs, n) -> view(rs)));
  }

  @GetMapping("/{id}")
  public Map<String, Object> get(Access access, @PathVariable String id) {
    long volumeId = Json.pathId(id, "volumeId");
    return Map.of(
        "volumes",
        List.of(
            reads.get(access, "volume", "read", SELECT, volumeId, "volume", (rs, n) -> view(rs))));
  }

  /**
   * {@code {"addVolume":[{"name":..., "sizeInGb":N, "region":{"regionId":N},
   * "dataCenter":{"dataCenterId":N}}]}} (mixcoatl sends {@code "dataCenter":N}); the region is the
   * data centre's when not given. 202 with the job.
   */
  @PostMapping
  public ResponseEntity<Map<String, Object>> create(Access access, @RequestBody JsonNode body) {
    access.require("volume", "create");
    JsonNode add = Json.action(body, "addVolume");
    Long dataCenterId = dataCenterId(add);
    Long regionId = Json.nestedId(add, "region", "regionId");
    if (regionId == null && dataCenterId == null) {
      throw ApiException.badRequest("region.regionId or dataCenter.dataCenterId is required");
    }
    if (regionId == null) {
      regionId = regionOf(access, dataCenterId);
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
      reads.get(access, "volume", "attach", SELECT, volumeId, "volume", (rs, n) -> Map.of());
      Map<String, Object> request = new LinkedHashMap<>();
      request.put("serverId", serverId);
      request.put("device", Json.text(attach, "deviceId", 64));
      return Jobs.accepted(
          dispatcher.act(access, "POST", "/volumes/" + volumeId + "/attach", request));
    }
    if (body.has("detach")) {
      Json.action(body, "detach");
      reads.get(access, "volume", "detach", SELECT, volumeId, "volume", (rs, n) -> Map.of());
      return Jobs.accepted(
          dispatcher.act(access, "POST", "/volumes/" + volumeId + "/detach", null));
    }
    throw ApiException.badRequest("unknown volume action; use attach or detach");
  }

  @DeleteMapping("/{id}")
  public ResponseEntity<Map<String, Object>> remove(Access access, @PathVariable String id) {
    long volumeId = Json.pathId(id, "volumeId");
    reads.get(access, "volume", "remove", SELECT, volumeId, "volume", (rs, n) -> Map.of());
    return Jobs.accepted(dispatcher.act(access, "DELETE", "/volumes/" + volumeId, null));
  }

  private static Map<String, Object> view(ResultSet rs) throws SQLException {
    return Json.object(
        "volumeId", rs.getLong("id"),
        "providerId", rs.getString("provider_volume_id"),
        "name", rs.getString("name"),
        "sizeInGb", rs.getInt("size_gb"),
        "currentState", rs.getString("state").toUpperCase(java.util.Locale.ROOT),
        "region", Json.ref("regionId", rs.getLong("region_id")),
        "dataCenter", Json.ref("dataCenterId", Json.nullableLong(rs, "data_center_id")),
        "server", Json.ref("serverId", Json.nullableLong(rs, "server_id")),
        "deviceId", rs.getString("device_name"),
        "owningAccount", Json.ref("accountId", rs.getLong("cloud_account_id")),
        "owningUser", Json.ref("userId", Json.nullableLong(rs, "owner_user_id")),
        "customer", Json.ref("customerId", rs.getLong("customer_id")),
        "creationTimestamp", Json.time(rs, "created_at"));
  }

  /** {@code "dataCenter":{"dataCenterId":N}}, or the bare id enStratus clients also send. */
  private static Long dataCenterId(JsonNode add) {
    JsonNode dataCenter = add.get("dataCenter");
    if (dataCenter != null && (dataCenter.isIntegralNumber() || dataCenter.isTextual())) {
      return Json.id(dataCenter, "dataCenter");
    }
    return Json.nestedId(add, "dataCenter", "dataCenterId");
  }

  private long regionOf(Access access, long dataCenterId) {
    return jdbc.sql("SELECT region_id FROM data_center WHERE customer_id = ? AND id = ?")
        .params(access.customerId(), dataCenterId)
        .query(Long.class)
        .optional()
        .orElseThrow(() -> ApiException.notFound("data center", dataCenterId));
  }
}
