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
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code infrastructure/Snapshot}: its actions (its reads are {@link
 * io.stratus.api.resource.KindController}'s): snapshot a volume ({@code POST
 * {"createSnapshot":[{"volume":{"volumeId":N},"name":...}]}}), remove. Rights: resource {@code
 * snapshot}, actions {@code read}, {@code create}, {@code remove}.
 */
@RestController
@RequestMapping(Api.BASE + "/infrastructure/Snapshot")
public class SnapshotController {
  private final KindReads reads;
  private final DispatcherGateway dispatcher;

  public SnapshotController(KindReads reads, DispatcherGateway dispatcher) {
    this.reads = reads;
    this.dispatcher = dispatcher;
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
    reads.check(Infrastructure.SNAPSHOT, access, "remove", snapshotId);
    return Jobs.accepted(dispatcher.act(access, "DELETE", "/snapshots/" + snapshotId, null));
  }
}
