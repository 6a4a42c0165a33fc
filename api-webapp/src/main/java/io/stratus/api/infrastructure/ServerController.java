package io.stratus.api.infrastructure;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratus.api.Api;
import io.stratus.api.dispatch.DispatcherGateway;
import io.stratus.api.dispatch.Jobs;
import io.stratus.api.web.ApiException;
import io.stratus.api.web.Json;
import io.stratus.common.access.Access;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code infrastructure/Server}, its actions (its reads are {@link
 * io.stratus.api.resource.KindController}'s): launch ({@code POST {"launch":[{...}]}}), start, stop
 * (enStratus' pause) and reboot ({@code PUT {"start":[{}]}} and so on), terminate ({@code DELETE}).
 * Reads come from MySQL; every action goes through the Dispatcher and answers 202 with its job.
 *
 * <p>Rights: resource {@code server}, actions {@code read}, {@code launch}, {@code start}, {@code
 * stop}, {@code reboot}, {@code terminate}; a MINE or GROUP qualifier narrows lists and refuses
 * actions on others' servers with 403.
 */
@RestController
@RequestMapping(Api.BASE + "/infrastructure/Server")
public class ServerController {
  private static final String TERMINATE_AFTER = "terminateAfter";
  private static final String PAUSE_AFTER = "pauseAfter";

  private final JdbcClient jdbc;
  private final DispatcherGateway dispatcher;

  public ServerController(DataSource reads, DispatcherGateway dispatcher) {
    this.jdbc = JdbcClient.create(reads);
    this.dispatcher = dispatcher;
  }

  /**
   * {@code {"launch":[{"name":..., "description":..., "machineImage":{"machineImageId":N},
   * "product":{"productId":N}, "dataCenter":{"dataCenterId":N}, "region":{"regionId":N},
   * "firewalls":[{"firewallId":N}], "userData":...}]}}: the region is the data centre's, else the
   * image's, when not given. 202 with the job; the job's message is the new server's id.
   */
  @PostMapping
  public ResponseEntity<Map<String, Object>> launch(Access access, @RequestBody JsonNode body) {
    access.require("server", "launch");
    JsonNode launch = Json.action(body, "launch");
    Long imageId = Json.nestedId(launch, "machineImage", "machineImageId");
    if (imageId == null) {
      throw ApiException.badRequest("machineImage.machineImageId is required");
    }
    Long productId = Json.nestedId(launch, "product", "productId");
    if (productId == null) {
      throw ApiException.badRequest("product.productId is required");
    }
    Long dataCenterId = Json.nestedId(launch, "dataCenter", "dataCenterId");
    Long regionId = Json.nestedId(launch, "region", "regionId");
    if (regionId == null) {
      regionId =
          dataCenterId != null
              ? owned("data_center", "region_id", access, dataCenterId, "data center")
              : owned("machine_image", "region_id", access, imageId, "machine image");
    }
    String name = Json.text(launch, "name", 200);
    if (name == null || name.isBlank()) {
      throw ApiException.badRequest("name is required");
    }
    List<Long> firewalls = new ArrayList<>();
    JsonNode fw = launch.get("firewalls");
    if (fw != null && !fw.isNull()) {
      if (!fw.isArray() || fw.size() > 50) {
        throw ApiException.badRequest("firewalls must be a list of at most 50 {\"firewallId\": N}");
      }
      for (JsonNode f : fw) {
        Long firewallId = f.isObject() ? Json.id(f.get("firewallId"), "firewallId") : null;
        if (firewallId == null) {
          throw ApiException.badRequest("firewalls must be a list of {\"firewallId\": N}");
        }
        firewalls.add(firewallId);
      }
    }
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("regionId", regionId);
    request.put("dataCenterId", dataCenterId);
    request.put("imageId", imageId);
    request.put("productId", productId);
    request.put("name", name);
    request.put("description", Json.text(launch, "description", 1000));
    request.put("firewallIds", firewalls.isEmpty() ? null : firewalls);
    request.put("userData", Json.text(launch, "userData", 16384));
    return Jobs.accepted(dispatcher.act(access, "POST", "/servers", request));
  }

  /** {@code {"start":[{}]}}, {@code {"stop":[{}]}} (or {@code pause}), {@code {"reboot":[{}]}}. */
  @PutMapping("/{id}")
  public ResponseEntity<Map<String, Object>> change(
      Access access,
      @PathVariable String id,
      @RequestBody JsonNode body,
      @RequestParam(name = TERMINATE_AFTER, required = false) String terminateAfter,
      @RequestParam(name = PAUSE_AFTER, required = false) String pauseAfter) {
    refuseSchedule(terminateAfter, pauseAfter);
    long serverId = Json.pathId(id, "serverId");
    if (body == null || !body.isObject() || body.size() != 1) {
      throw ApiException.badRequest(
          "the body must name one action: {\"start\":[{}]}, {\"stop\":[{}]} or {\"reboot\":[{}]}");
    }
    String verb = body.fieldNames().next();
    String action =
        switch (verb) {
          case "start" -> "start";
          case "stop", "pause" -> "stop";
          case "reboot" -> "reboot";
          default ->
              throw ApiException.badRequest(
                  "unknown server action '" + abbreviate(verb) + "'; use start, stop or reboot");
        };
    JsonNode args = body.get(verb);
    if (!args.isArray() && !args.isObject()) {
      throw ApiException.badRequest("\"" + verb + "\" must be [{}]");
    }
    checkOwner(access, serverId, action);
    return Jobs.accepted(
        dispatcher.act(access, "POST", "/servers/" + serverId + "/" + action, null));
  }

  /**
   * Terminates the server now. enStratus' {@code ?terminateAfter=N} (and {@code pauseAfter})
   * schedule instead; scheduling is not served yet, so they are refused with 400 and the server is
   * left as it is, never ended at once.
   */
  @DeleteMapping("/{id}")
  public ResponseEntity<Map<String, Object>> terminate(
      Access access,
      @PathVariable String id,
      @RequestParam(name = TERMINATE_AFTER, required = false) String terminateAfter,
      @RequestParam(name = PAUSE_AFTER, required = false) String pauseAfter) {
    refuseSchedule(terminateAfter, pauseAfter);
    long serverId = Json.pathId(id, "serverId");
    checkOwner(access, serverId, "terminate");
    return Jobs.accepted(dispatcher.act(access, "DELETE", "/servers/" + serverId, null));
  }

  private static void refuseSchedule(String terminateAfter, String pauseAfter) {
    if (terminateAfter != null || pauseAfter != null) {
      throw ApiException.badRequest(
          (terminateAfter != null ? TERMINATE_AFTER : PAUSE_AFTER)
              + ": scheduled termination and scheduled stop are not served yet; nothing was"
              + " done and the server keeps its state");
    }
  }

  private void checkOwner(Access access, long serverId, String action) {
    access.require("server", action);
    Map<String, Long> owner =
        jdbc.sql(
                "SELECT owner_user_id, owner_group_id FROM server WHERE customer_id = ? AND id = ?")
            .params(access.customerId(), serverId)
            .query(
                (rs, n) -> {
                  Map<String, Long> m = new LinkedHashMap<>();
                  m.put("user", Json.nullableLong(rs, "owner_user_id"));
                  m.put("group", Json.nullableLong(rs, "owner_group_id"));
                  return m;
                })
            .optional()
            .orElseThrow(() -> ApiException.notFound("server", serverId));
    access.requireOn("server", action, owner.get("user"), owner.get("group"));
  }

  private long owned(String table, String column, Access access, long id, String what) {
    return jdbc.sql("SELECT " + column + " FROM " + table + " WHERE customer_id = ? AND id = ?")
        .params(access.customerId(), id)
        .query(Long.class)
        .optional()
        .orElseThrow(() -> ApiException.notFound(what, id));
  }

  private static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }
}
