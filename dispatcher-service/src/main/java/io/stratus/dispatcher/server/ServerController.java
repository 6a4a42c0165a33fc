package io.stratus.dispatcher.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratus.cloud.spi.CapabilitySnapshot;
import io.stratus.common.job.Action;
import io.stratus.dispatcher.access.Actor;
import io.stratus.dispatcher.access.Requires;
import io.stratus.dispatcher.action.ActionController;
import io.stratus.dispatcher.action.ActionDispatcher;
import io.stratus.dispatcher.action.JobTicket;
import io.stratus.dispatcher.action.Resources;
import io.stratus.dispatcher.action.Resources.Placement;
import io.stratus.dispatcher.action.Resources.Target;
import io.stratus.dispatcher.agent.AgentBootstrap;
import io.stratus.dispatcher.web.Checks;
import io.stratus.dispatcher.web.DispatchException;
import io.stratus.dispatcher.web.States;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Server actions: launch, start, stop, reboot, terminate. A launch writes the server row at once,
 * in state pending, so it is listed before the cloud has answered. Each action is checked against
 * the account's capabilities and the server's state first: stopping a stopped server is a 409.
 */
@RestController
@RequestMapping("/servers")
public class ServerController extends ActionController {
  private final AgentBootstrap agents;
  private final ServerSchedules schedules;
  private final ServerDetails details;

  public ServerController(
      Resources resources,
      ActionDispatcher dispatcher,
      AgentBootstrap agents,
      ServerSchedules schedules,
      ServerDetails details) {
    super(resources, dispatcher);
    this.agents = agents;
    this.schedules = schedules;
    this.details = details;
  }

  @Requires(resource = "server", action = "launch")
  @PostMapping
  @ResponseStatus(HttpStatus.ACCEPTED)
  public JobTicket launch(Actor actor, @RequestBody LaunchServer request) {
    long customer = actor.customerId();
    Placement at =
        placement(
            actor,
            request.regionId(),
            CapabilitySnapshot::servers,
            "this cloud does not run servers");
    long regionId = at.regionId();
    CapabilitySnapshot can = at.can();
    String name = Checks.name(request.name(), "name");
    if (can.maxNameLength() > 0 && name.length() > can.maxNameLength()) {
      throw DispatchException.badRequest(
          "name must be at most " + can.maxNameLength() + " characters on this cloud");
    }
    if (can.namePattern() != null && !Pattern.matches(can.namePattern(), name)) {
      throw DispatchException.badRequest(
          "name '"
              + name
              + "' is not allowed on this cloud: a name there is "
              + (can.nameRule() != null
                  ? can.nameRule()
                  : "one matching the pattern " + can.namePattern()));
    }
    if (request.dataCenterId() != null) {
      Resources.inRegion(
          resources.owned("data_center", customer, request.dataCenterId()),
          regionId,
          "data centre");
    } else if (can.requiresDataCenter()) {
      throw DispatchException.badRequest("this cloud needs a dataCenterId for a launch");
    }
    Map<String, Object> image =
        Resources.inRegion(
            resources.owned(
                "machine_image", customer, Checks.required(request.imageId(), "imageId")),
            regionId,
            "image");
    if (!"active".equals(image.get("state"))) {
      throw DispatchException.conflict("image " + request.imageId() + " is " + image.get("state"));
    }
    Resources.inRegion(
        resources.owned(
            "server_product", customer, Checks.required(request.productId(), "productId")),
        regionId,
        "product");
    List<Long> firewalls = request.firewallIds() == null ? List.of() : request.firewallIds();
    if (!firewalls.isEmpty() && !can.supportsFirewalls()) {
      throw DispatchException.unsupported("this cloud cannot put servers behind firewalls");
    }
    for (Long firewall : firewalls) {
      Map<String, Object> row =
          Resources.inRegion(
              resources.owned("firewall", customer, Checks.required(firewall, "firewallIds[]")),
              regionId,
              "firewall");
      // A deleted (or not yet created) firewall would fail the launch in the cloud, leaving a
      // server row that never runs: refuse it before anything is recorded.
      States.require(row, "firewall", "used for a new server", "active");
    }
    if (request.userData() != null && !can.supportsUserData()) {
      throw DispatchException.unsupported("this cloud does not take user data");
    }
    if (request.userData() != null && request.userData().length() > 16384) {
      throw DispatchException.badRequest("userData must be at most 16384 characters");
    }
    ObjectNode parameters = ActionDispatcher.payload();
    ArrayNode ids = parameters.putArray("firewallIds");
    firewalls.forEach(ids::add);
    if (request.userData() != null) {
      parameters.put("userData", request.userData());
    }
    // The server row, then its agent bootstrap (which adds to the task's parameters), in the
    // launch's one transaction. The bootstrap travels in user data: a cloud without it gets none,
    // and so does an image that runs no agent (a token nobody would use is not made).
    Object agentFlag = image.get("runs_agent");
    boolean runsAgent =
        agentFlag instanceof Boolean flag
            ? flag
            : agentFlag instanceof Number number && number.intValue() != 0;
    return dispatcher.dispatch(
        actor,
        Action.SERVER_LAUNCH,
        () -> {
          long serverId = insertPending(actor, at.accountId(), regionId, request, name);
          if (can.supportsUserData() && runsAgent) {
            agents.prepare(customer, serverId, parameters);
          }
          return serverId;
        },
        parameters);
  }

  @Requires(resource = "server", action = "start", owned = true)
  @PostMapping("/{id}/start")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public JobTicket start(Actor actor, @PathVariable long id) {
    return act(actor, id, Action.SERVER_START, "started", "stopped");
  }

  @Requires(resource = "server", action = "stop", owned = true)
  @PostMapping("/{id}/stop")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public JobTicket stop(Actor actor, @PathVariable long id) {
    return act(actor, id, Action.SERVER_STOP, "stopped", "running");
  }

  @Requires(resource = "server", action = "reboot", owned = true)
  @PostMapping("/{id}/reboot")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public JobTicket reboot(Actor actor, @PathVariable long id) {
    return act(actor, id, Action.SERVER_REBOOT, "rebooted", "running");
  }

  @Requires(resource = "server", action = "terminate", owned = true)
  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public JobTicket terminate(Actor actor, @PathVariable long id) {
    return act(
        actor,
        id,
        Action.SERVER_TERMINATE,
        "terminated",
        "pending",
        "running",
        "stopping",
        "stopped",
        "rebooting");
  }

  /**
   * Schedules the server's termination ({@code {"at": "2026-12-24T18:00:00Z"}}), moves it, or
   * cancels it ({@code {"at": null}}); answers the server's schedules. Terminating the server by
   * hand clears it.
   */
  @Requires(resource = "server", action = "terminate", owned = true)
  @PutMapping("/{id}/terminate-after")
  public Map<String, Object> terminateAfter(
      Actor actor, @PathVariable long id, @RequestBody ScheduleRequest request) {
    return schedules.set(actor, id, ServerSchedule.TERMINATE, request.instant());
  }

  /** As {@link #terminateAfter}, for a scheduled stop (enStratus' pause); a stop clears it. */
  @Requires(resource = "server", action = "stop", owned = true)
  @PutMapping("/{id}/pause-after")
  public Map<String, Object> pauseAfter(
      Actor actor, @PathVariable long id, @RequestBody ScheduleRequest request) {
    return schedules.set(actor, id, ServerSchedule.PAUSE, request.instant());
  }

  /** Renames the server or changes its description (enStratus' describeServer); no job. */
  @Requires(resource = "server", action = "update", owned = true)
  @PutMapping("/{id}/description")
  public Map<String, Object> describe(
      Actor actor, @PathVariable long id, @RequestBody ServerDetails.Description request) {
    return details.describe(actor, id, request.name(), request.description());
  }

  /** Gives the server an owning group (enStratus' assignGroups); no job. */
  @Requires(resource = "server", action = "update", owned = true)
  @PutMapping("/{id}/group")
  public Map<String, Object> assignGroup(
      Actor actor, @PathVariable long id, @RequestBody ServerDetails.Group request) {
    return details.assignGroup(actor, id, request.groupId());
  }

  /** A server's schedules. */
  @Requires(resource = "server", action = "read", owned = true)
  @GetMapping("/{id}/schedule")
  public Map<String, Object> schedule(Actor actor, @PathVariable long id) {
    return schedules.view(actor.customerId(), id);
  }

  /**
   * @param done what the action does to the server, in words for a refusal ("it can be started only
   *     when stopped")
   */
  private JobTicket act(Actor actor, long id, Action action, String done, String... allowedStates) {
    Target server = resources.actionable("server", actor.customerId(), id, done, allowedStates);
    if (server.row().get("provider_server_id") == null && action != Action.SERVER_TERMINATE) {
      throw DispatchException.conflict(
          "server " + id + " is still being launched; try again when it is running");
    }
    return dispatcher.dispatch(
        actor,
        action,
        () -> {
          if (action == Action.SERVER_TERMINATE) {
            schedules.clearFor(ServerSchedule.TERMINATE, id);
            schedules.clearFor(ServerSchedule.PAUSE, id);
          } else if (action == Action.SERVER_STOP) {
            schedules.clearFor(ServerSchedule.PAUSE, id);
          }
          return id;
        },
        ActionDispatcher.payload());
  }

  private long insertPending(
      Actor actor, long accountId, long regionId, LaunchServer request, String name) {
    return resources.insert(
        """
        INSERT INTO server (customer_id, cloud_account_id, region_id, data_center_id, name,
                            description, state, image_id, product_id, owner_user_id, client_token)
        VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?)
        """,
        actor.customerId(),
        accountId,
        regionId,
        request.dataCenterId(),
        name,
        request.description(),
        request.imageId(),
        request.productId(),
        actor.userId(),
        UUID.randomUUID().toString());
  }
}
