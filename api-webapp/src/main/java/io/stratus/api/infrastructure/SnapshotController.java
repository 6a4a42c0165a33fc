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
 * {@code infrastructure/Snapshot}: list, show, snapshot a volume ({@code POST
 * {"createSnapshot":[{"volume":{"volumeId":N},"name":...}]}}), remove. Rights: resource {@code
 * snapshot}, actions {@code read}, {@code create}, {@code remove}.
 */
@RestController
@RequestMapping(Api.BASE + "/infrastructure/Snapshot")
public class SnapshotController {
  private static final String SELECT =
      """
      SELECT x.id, x.customer_id, x.cloud_account_id, x.region_id, x.provider_snapshot_id,
             x.volume_id, x.name, x.size_gb, x.state, x.owner_user_id, x.created_at
        FROM snapshot x
       WHERE x.customer_id = :customer
      """;
  private final OwnedReads reads;
  private final DispatcherGateway dispatcher;

  public SnapshotController(OwnedReads reads, DispatcherGateway dispatcher) {
    this.reads = reads;
    this.dispatcher = dispatcher;
  }

  @GetMapping
  public Map<String, Object> list(
      Access access, @RequestParam(name = "regionId", required = false) String regionId) {
    return Map.of(
        "snapshots", reads.listInRegion(access, "snapshot", SELECT, regionId, (rs, n) -> view(rs)));
  }

  @GetMapping("/{id}")
  public Map<String, Object> get(Access access, @PathVariable String id) {
    long snapshotId = Json.pathId(id, "snapshotId");
    return Map.of(
        "snapshots",
        List.of(
            reads.get(
                access, "snapshot", "read", SELECT, snapshotId, "snapshot", (rs, n) -> view(rs))));
  }

  @PostMapping
  public ResponseEntity<Map<String, Object>> create(Access access, @RequestBody JsonNode body) {
    access.require("snapshot", "create");
    JsonNode create = Json.action(body, "createSnapshot");
    Long volumeId = Json.nestedId(create, "volume", "volumeId");
    if (volumeId == null) {
      throw ApiException.badRequest("volume.volumeId is required");
    }
    String name = Json.text(create, "name", 200);
    if (name == null || name.isBlank()) {
      throw ApiException.badRequest("name is required");
    }
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("volumeId", volumeId);
    request.put("name", name);
    return Jobs.accepted(dispatcher.act(access, "POST", "/snapshots", request));
  }

  @DeleteMapping("/{id}")
  public ResponseEntity<Map<String, Object>> remove(Access access, @PathVariable String id) {
    long snapshotId = Json.pathId(id, "snapshotId");
    reads.get(access, "snapshot", "remove", SELECT, snapshotId, "snapshot", (rs, n) -> Map.of());
    return Jobs.accepted(dispatcher.act(access, "DELETE", "/snapshots/" + snapshotId, null));
  }

  private static Map<String, Object> view(ResultSet rs) throws SQLException {
    return Json.object(
        "snapshotId", rs.getLong("id"),
        "providerId", rs.getString("provider_snapshot_id"),
        "name", rs.getString("name"),
        "sizeInGb", rs.getInt("size_gb"),
        "status", rs.getString("state").toUpperCase(Locale.ROOT),
        "volume", Json.ref("volumeId", Json.nullableLong(rs, "volume_id")),
        "region", Json.ref("regionId", rs.getLong("region_id")),
        "owningAccount", Json.ref("accountId", rs.getLong("cloud_account_id")),
        "owningUser", Json.ref("userId", Json.nullableLong(rs, "owner_user_id")),
        "customer", Json.ref("customerId", rs.getLong("customer_id")),
        "creationTimestamp", Json.time(rs, "created_at"));
  }
}
