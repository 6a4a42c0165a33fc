package io.stratus.api.infrastructure;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratus.api.Api;
import io.stratus.api.dispatch.DispatcherGateway;
import io.stratus.api.dispatch.Jobs;
import io.stratus.api.web.ApiException;
import io.stratus.api.web.Json;
import io.stratus.common.access.Access;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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
  private static final String CANCEL_TERMINATION = "cancelTermination";
  private static final String CANCEL_PAUSE = "cancelPause";

  private final JdbcClient jdbc;
  private final DispatcherGateway dispatcher;
  private final Clock clock = Clock.systemUTC();

  public ServerController(DataSource reads, DispatcherGateway dispatcher) {
    this.jdbc = JdbcClient.create(reads);
    this.dispatcher = dispatcher;
  }

  /**
   * {@code {"launch":[{"name":..., "description":..., "machineImage":{"machineImageId":N},
   * "product":{"productId":N}, "dataCenter":{"dataCenterId":N}, "region":{"regionId":N},
   * "firewalls":[{"firewallId":N}], "userData":...}]}}: the region is the data centre's, else the
   * image's, when not given; the product may be given by the cloud's id ({@code "small"}). 202 with
   * the job; the job's message is the new server's id.
   */
  @PostMapping
  public ResponseEntity<Map<String, Object>> launch(Access access, @RequestBody JsonNode body) {
    access.require("server", "launch");
    JsonNode launch = Json.action(body, "launch");
    Long imageId = Json.nestedId(launch, "machineImage", "machineImageId");
    if (imageId == null) {
      throw ApiException.badRequest("machineImage.machineImageId is required");
    }
    Long dataCenterId = Json.nestedId(launch, "dataCenter", "dataCenterId");
    Long regionId = Json.nestedId(launch, "region", "regionId");
    if (regionId == null) {
      regionId =
          dataCenterId != null
              ? owned("data_center", "region_id", access, dataCenterId, "data center")
              : owned("machine_image", "region_id", access, imageId, "machine image");
    }
    long productId = product(access, launch, regionId);
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

  /**
   * {@code {"start":[{}]}}, {@code {"stop":[{}]}} (or {@code pause}), {@code {"reboot":[{}]}}: 202
   * with the job. {@code {"stop":[{}]}} with {@code ?pauseAfter=N} schedules the stop N ms ahead
   * instead (or moves the schedule); {@code {"cancelTermination":[{}]}} and {@code
   * {"cancelPause":[{}]}} cancel a schedule. Schedules answer 204: nothing runs until they are due.
   */
  @PutMapping("/{id}")
  public ResponseEntity<Map<String, Object>> change(
      Access access,
      @PathVariable String id,
      @RequestBody JsonNode body,
      @RequestParam(name = TERMINATE_AFTER, required = false) String terminateAfter,
      @RequestParam(name = PAUSE_AFTER, required = false) String pauseAfter) {
    if (terminateAfter != null) {
      throw ApiException.badRequest(
          TERMINATE_AFTER
              + ": a termination is scheduled with DELETE infrastructure/Server/{id}"
              + "?terminateAfter=N; nothing was done");
    }
    long serverId = Json.pathId(id, "serverId");
    if (body == null || !body.isObject() || body.size() != 1) {
      throw ApiException.badRequest(
          "the body must name one action: {\"start\":[{}]}, {\"stop\":[{}]} or {\"reboot\":[{}]}");
    }
    String verb = body.fieldNames().next();
    switch (verb) {
      case "describeServer" -> {
        return describe(access, serverId, Json.action(body, verb));
      }
      case "assignGroups" -> {
        return assignGroup(access, serverId, Json.action(body, verb));
      }
      case "assignBudget" ->
          throw ApiException.badRequest(
              "assignBudget: billing codes are not in Stratus yet (they arrive with the"
                  + " governance work); nothing was done");
      default -> {
        // one of the actions below
      }
    }
    String action =
        switch (verb) {
          case "start" -> "start";
          case "stop", "pause" -> "stop";
          case "reboot" -> "reboot";
          case CANCEL_TERMINATION, CANCEL_PAUSE -> verb;
          default ->
              throw ApiException.badRequest(
                  "unknown server action '"
                      + abbreviate(verb)
                      + "'; use start, stop, reboot, cancelTermination, cancelPause,"
                      + " describeServer or assignGroups");
        };
    JsonNode args = body.get(verb);
    if (!args.isArray() && !args.isObject()) {
      throw ApiException.badRequest("\"" + verb + "\" must be [{}]");
    }
    if (pauseAfter != null && !action.equals("stop")) {
      throw ApiException.badRequest(
          PAUSE_AFTER + ": schedules a stop, so it goes with {\"stop\":[{}]}; nothing was done");
    }
    if (pauseAfter != null || action.equals(CANCEL_PAUSE)) {
      Instant at = pauseAfter == null ? null : ScheduleAfter.at(PAUSE_AFTER, pauseAfter, clock);
      return schedule(access, serverId, "stop", "pause-after", at);
    }
    if (action.equals(CANCEL_TERMINATION)) {
      return schedule(access, serverId, "terminate", "terminate-after", null);
    }
    checkOwner(access, serverId, action);
    return Jobs.accepted(
        dispatcher.act(access, "POST", "/servers/" + serverId + "/" + action, null));
  }

  /**
   * Terminates the server now: 202 with the job. With enStratus' {@code ?terminateAfter=N} it
   * schedules the termination N ms ahead instead (or moves the schedule) and answers 204; the
   * Dispatcher carries it out when it is due.
   */
  @DeleteMapping("/{id}")
  public ResponseEntity<Map<String, Object>> terminate(
      Access access,
      @PathVariable String id,
      @RequestParam(name = TERMINATE_AFTER, required = false) String terminateAfter,
      @RequestParam(name = PAUSE_AFTER, required = false) String pauseAfter) {
    if (pauseAfter != null) {
      throw ApiException.badRequest(
          PAUSE_AFTER
              + ": a stop is scheduled with PUT {\"stop\":[{}]}?pauseAfter=N; nothing was done");
    }
    long serverId = Json.pathId(id, "serverId");
    if (terminateAfter != null) {
      Instant at = ScheduleAfter.at(TERMINATE_AFTER, terminateAfter, clock);
      return schedule(access, serverId, "terminate", "terminate-after", at);
    }
    checkOwner(access, serverId, "terminate");
    return Jobs.accepted(dispatcher.act(access, "DELETE", "/servers/" + serverId, null));
  }

  /**
   * {@code {"describeServer":[{"name":..., "description":...}]}}: 204, renamed in the Dispatcher.
   */
  private ResponseEntity<Map<String, Object>> describe(
      Access access, long serverId, JsonNode change) {
    checkOwner(access, serverId, "update");
    Map<String, Object> request = new HashMap<>();
    request.put("name", Json.text(change, "name", 200));
    request.put("description", Json.text(change, "description", 1000));
    dispatcher.ask(access, "PUT", "/servers/" + serverId + "/description", request);
    return ResponseEntity.noContent().build();
  }

  /**
   * {@code {"assignGroups":[{"owningGroups":[{"groupId":N}]}]}}: 204, the server's owning group set
   * in the Dispatcher. A Stratus server has one owning group, so exactly one is named.
   */
  private ResponseEntity<Map<String, Object>> assignGroup(
      Access access, long serverId, JsonNode change) {
    JsonNode groups = change.get("owningGroups");
    if (groups == null || !groups.isArray() || groups.size() != 1 || !groups.get(0).isObject()) {
      throw ApiException.badRequest(
          "assignGroups takes one owning group: {\"owningGroups\":[{\"groupId\":N}]}");
    }
    Long groupId = Json.id(groups.get(0).get("groupId"), "owningGroups.groupId");
    if (groupId == null) {
      throw ApiException.badRequest("owningGroups.groupId is required");
    }
    checkOwner(access, serverId, "update");
    dispatcher.ask(access, "PUT", "/servers/" + serverId + "/group", Map.of("groupId", groupId));
    return ResponseEntity.noContent().build();
  }

  /** Sets (or, with {@code at} null, cancels) one of the server's schedules in the Dispatcher. */
  private ResponseEntity<Map<String, Object>> schedule(
      Access access, long serverId, String right, String route, Instant at) {
    checkOwner(access, serverId, right);
    Map<String, Object> request = new HashMap<>();
    request.put("at", at == null ? null : at.toString());
    dispatcher.ask(access, "PUT", "/servers/" + serverId + "/" + route, request);
    return ResponseEntity.noContent().build();
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

  /**
   * The launch's product: Stratus' id ({@code "product":{"productId":12}}), or, as enStratus
   * clients send it, the cloud's own product id in the launch's region ({@code
   * "product":{"productId":"small"}}).
   */
  private long product(Access access, JsonNode launch, long regionId) {
    JsonNode product = launch.get("product");
    JsonNode given = product != null && product.isObject() ? product.get("productId") : null;
    if (given != null && given.isTextual() && !given.asText().matches("[0-9]{1,18}")) {
      String providerId = given.asText();
      if (providerId.isBlank() || providerId.length() > 200) {
        throw ApiException.badRequest("product.productId must be a product id");
      }
      return jdbc.sql(
              "SELECT id FROM server_product WHERE customer_id = ? AND region_id = ?"
                  + " AND provider_product_id = ?")
          .params(access.customerId(), regionId, providerId)
          .query(Long.class)
          .optional()
          .orElseThrow(
              () ->
                  ApiException.badRequest(
                      "product.productId: region "
                          + regionId
                          + " has no product '"
                          + abbreviate(providerId)
                          + "'"));
    }
    Long productId = Json.nestedId(launch, "product", "productId");
    if (productId == null) {
      throw ApiException.badRequest("product.productId is required");
    }
    return productId;
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
