package io.stratus.api.infrastructure;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.stratus.api.Api;
import io.stratus.api.dispatch.DispatcherGateway;
import io.stratus.api.dispatch.Jobs;
import io.stratus.api.web.ApiException;
import io.stratus.api.web.Details;
import io.stratus.api.web.HeadCounts;
import io.stratus.api.web.Json;
import io.stratus.api.web.JsonBody;
import io.stratus.api.web.PageCursors;
import io.stratus.api.web.PageRequest;
import io.stratus.common.access.Access;
import io.stratus.common.access.Qualifier;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.ResultSetExtractor;
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
 * {@code infrastructure/Server}: list (paged), show, launch ({@code POST {"launch":[{...}]}}),
 * start, stop (enStratus' pause) and reboot ({@code PUT {"start":[{}]}} and so on), terminate
 * ({@code DELETE}). Reads come from MySQL; every action goes through the Dispatcher and answers 202
 * with its job.
 *
 * <p>Rights: resource {@code server}, actions {@code read}, {@code launch}, {@code start}, {@code
 * stop}, {@code reboot}, {@code terminate}; a MINE or GROUP qualifier narrows lists and refuses
 * actions on others' servers with 403.
 */
@RestController
@RequestMapping(Api.BASE + "/infrastructure/Server")
public class ServerController {
  private static final String COLUMNS =
      """
      s.id, s.customer_id, s.cloud_account_id, s.region_id, s.data_center_id,
      s.provider_server_id, s.name, s.description, s.state, s.state_reason, s.image_id,
      s.product_id, s.private_ip, s.public_ip, s.owner_user_id, s.owner_group_id, s.launched_at,
      s.terminated_at, s.created_at
      """;
  private static final String EXTENDED_COLUMNS =
      ", r.name AS region_name, i.name AS image_name, p.name AS product_name, a.cloud_id";
  private static final String EXTENDED_JOINS =
      """
       JOIN region r ON r.id = s.region_id
       JOIN cloud_account a ON a.id = s.cloud_account_id
       LEFT JOIN machine_image i ON i.id = s.image_id
       LEFT JOIN server_product p ON p.id = s.product_id
      """;

  private static final String TERMINATE_AFTER = "terminateAfter";
  private static final String PAUSE_AFTER = "pauseAfter";
  private static final String CANCEL_TERMINATION = "cancelTermination";
  private static final String CANCEL_PAUSE = "cancelPause";

  private final JdbcClient jdbc;
  private final DispatcherGateway dispatcher;
  private final int pageSize;
  private final PageCursors cursors = new PageCursors(20_000);
  private final Clock clock = Clock.systemUTC();

  public ServerController(DataSource reads, DispatcherGateway dispatcher, int pageSize) {
    this.jdbc = JdbcClient.create(reads);
    this.dispatcher = dispatcher;
    this.pageSize = pageSize;
  }

  /**
   * Every server the caller may read, a page at a time, oldest first. The page is written straight
   * from the result set ({@link ServerPage}), selecting only the columns the details level shows;
   * the answer is the one {@link #view} gives for each row.
   */
  @GetMapping
  public void list(
      Access access,
      @RequestParam(name = "requestPaginationId", required = false) String paginationId,
      @RequestParam(name = "requestPage", required = false) String page,
      @RequestParam(name = "regionId", required = false) String regionId,
      HttpServletRequest request,
      HttpServletResponse response)
      throws IOException {
    Qualifier q = access.require("server", "read");
    Details details = Details.of(request);
    PageRequest paging = PageRequest.of(paginationId, page, pageSize);
    Long region = regionId == null ? null : Json.pathId(regionId, "regionId");
    long snapshot =
        paging.snapshot() != null
            ? paging.snapshot()
            : jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM server WHERE customer_id = ?")
                .param(access.customerId())
                .query(Long.class)
                .single();
    String filter = access.filter(q, "s") + (region == null ? "" : " AND s.region_id = :region");
    String where = " WHERE s.customer_id = :customer AND s.id <= :snapshot" + filter;
    Map<String, Object> params = new HashMap<>(access.parameters());
    params.put("customer", access.customerId());
    params.put("snapshot", snapshot);
    if (region != null) {
      params.put("region", region);
    }
    if (HeadCounts.countOnly(request)) {
      long count =
          jdbc.sql("SELECT COUNT(*) FROM server s" + where)
              .params(params)
              .query(Long.class)
              .single();
      response.setHeader(HeadCounts.HEADER, Long.toString(count));
      paging.headers(snapshot, count <= paging.offset() + paging.size(), response);
      return;
    }
    // Where the page starts: remembered from the previous page when this instance served it,
    // else found by an index-only walk of (customer_id, id), so a deep page costs a walk of the
    // index, not of the rows. Then the page itself is one range read from there.
    String listing =
        access.customerId()
            + "/"
            + snapshot
            + "/"
            + paging.size()
            + "/"
            + filter
            + "/"
            + region
            + "/"
            + (filter.isEmpty() ? "" : access.parameters());
    Long first = paging.page() == 1 ? Long.valueOf(0) : cursors.start(listing, paging.page());
    if (first == null) {
      first =
          jdbc.sql(
                  "SELECT s.id FROM server s"
                      + where
                      + " ORDER BY s.id LIMIT 1 OFFSET "
                      + paging.offset())
              .params(params)
              .query(Long.class)
              .optional()
              .orElse(null);
    }
    try (JsonBody body = JsonBody.start()) {
      JsonGenerator json = body.json();
      json.writeStartObject();
      json.writeFieldName(ServerPage.SERVERS);
      json.writeStartArray();
      long next = 0;
      if (first != null) {
        params.put("first", first);
        String sql =
            "SELECT "
                + ServerPage.columns(details)
                + " FROM server s"
                + (details == Details.EXTENDED ? EXTENDED_JOINS : "")
                + where
                + " AND s.id >= :first ORDER BY s.id LIMIT "
                + (paging.size() + 1);
        int size = paging.size();
        long customer = access.customerId();
        next =
            jdbc.sql(sql)
                .params(params)
                .query(
                    (ResultSetExtractor<Long>)
                        rs -> ServerPage.write(rs, size, details, customer, json));
        if (next != 0) {
          cursors.remember(listing, paging.page() + 1, next);
        }
      }
      json.writeEndArray();
      json.writeEndObject();
      paging.headers(snapshot, next == 0, response);
      body.send(response);
    }
  }

  @GetMapping("/{id}")
  public Map<String, Object> get(
      Access access, @PathVariable String id, HttpServletRequest request) {
    Qualifier q = access.require("server", "read");
    Details details = Details.of(request);
    long serverId = Json.pathId(id, "serverId");
    Map<String, Object> server =
        jdbc.sql(
                "SELECT "
                    + COLUMNS
                    + EXTENDED_COLUMNS
                    + " FROM server s"
                    + EXTENDED_JOINS
                    + " WHERE s.customer_id = :customer AND s.id = :id")
            .param("customer", access.customerId())
            .param("id", serverId)
            .query(
                (rs, n) -> {
                  if (!access.owns(
                      q,
                      Json.nullableLong(rs, "owner_user_id"),
                      Json.nullableLong(rs, "owner_group_id"))) {
                    throw ApiException.forbidden("you may read only your own servers");
                  }
                  return view(rs, details);
                })
            .optional()
            .orElseThrow(() -> ApiException.notFound("server", serverId));
    return Map.of("servers", List.of(server));
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

  /** enStratus' server states: a stopped server is PAUSED. */
  static String state(String state) {
    return switch (state) {
      case "stopped" -> "PAUSED";
      case "stopping" -> "PAUSING";
      default -> state.toUpperCase(Locale.ROOT);
    };
  }

  private static Map<String, Object> view(ResultSet rs, Details details) throws SQLException {
    if (details == Details.NONE) {
      return Json.object("serverId", rs.getLong("id"));
    }
    String privateIp = rs.getString("private_ip");
    Map<String, Object> view =
        Json.object(
            "serverId", rs.getLong("id"),
            "providerId", rs.getString("provider_server_id"),
            "name", rs.getString("name"),
            "description", rs.getString("description"),
            "currentState", state(rs.getString("state")),
            "region", Json.ref("regionId", rs.getLong("region_id")),
            "dataCenter", Json.ref("dataCenterId", Json.nullableLong(rs, "data_center_id")),
            "machineImage", Json.ref("machineImageId", Json.nullableLong(rs, "image_id")),
            "product", Json.ref("productId", Json.nullableLong(rs, "product_id")),
            "owningAccount", Json.ref("accountId", rs.getLong("cloud_account_id")),
            "owningUser", Json.ref("userId", Json.nullableLong(rs, "owner_user_id")),
            "owningGroups",
                Json.nullableLong(rs, "owner_group_id") == null
                    ? null
                    : List.of(Json.ref("groupId", rs.getLong("owner_group_id"))),
            "privateIpAddresses", privateIp == null ? List.of() : List.of(privateIp),
            "publicIpAddress", rs.getString("public_ip"),
            "startDate", Json.time(rs, "launched_at"),
            "terminationDate", Json.time(rs, "terminated_at"),
            "customer", Json.ref("customerId", rs.getLong("customer_id")));
    if (details == Details.EXTENDED) {
      view.put("statusReason", rs.getString("state_reason"));
      view.put("createdTimestamp", Json.time(rs, "created_at"));
      view.put("cloud", Json.ref("cloudId", rs.getLong("cloud_id")));
      ((Map<String, Object>) view.get("region")).put("name", rs.getString("region_name"));
      if (view.get("machineImage") instanceof Map<?, ?> image) {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) image;
        m.put("name", rs.getString("image_name"));
      }
      if (view.get("product") instanceof Map<?, ?> product) {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) product;
        m.put("name", rs.getString("product_name"));
      }
    }
    return view;
  }
}
