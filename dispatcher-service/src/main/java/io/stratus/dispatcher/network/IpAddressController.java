package io.stratus.dispatcher.network;

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
import io.stratus.dispatcher.web.States;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Static IP addresses: request, assign to a server, unassign, release. */
@RestController
@RequestMapping("/ip-addresses")
public class IpAddressController extends ActionController {
  /** The region to request an address in. */
  public record RequestAddress(Long regionId) {}

  /** The server to assign an address to. */
  public record AssignAddress(Long serverId) {}

  public IpAddressController(Resources resources, ActionDispatcher dispatcher) {
    super(resources, dispatcher);
  }

  @Requires(resource = "ip_address", action = "create")
  @PostMapping
  @ResponseStatus(HttpStatus.ACCEPTED)
  public JobTicket request(Actor actor, @RequestBody RequestAddress request) {
    long customer = actor.customerId();
    Placement at =
        placement(
            actor,
            request.regionId(),
            CapabilitySnapshot::ipAddresses,
            "this cloud has no static IP addresses");
    return dispatcher.dispatch(
        actor,
        Action.IP_REQUEST,
        () ->
            resources.insert(
                """
                INSERT INTO ip_address (customer_id, cloud_account_id, region_id, state,
                                        owner_user_id)
                VALUES (?, ?, ?, 'pending', ?)
                """,
                customer,
                at.accountId(),
                at.regionId(),
                actor.userId()),
        ActionDispatcher.payload());
  }

  @Requires(resource = "ip_address", action = "assign", owned = true)
  @PostMapping("/{id}/assign")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public JobTicket assign(Actor actor, @PathVariable long id, @RequestBody AssignAddress request) {
    long customer = actor.customerId();
    Target address = resources.actionable("ip_address", customer, id, "assigned", "available");
    Map<String, Object> server = resources.serverBeside(customer, request.serverId(), address);
    States.require(server, "server", "given an address", "running", "stopped");
    return dispatcher.dispatch(
        actor,
        Action.IP_ASSIGN,
        id,
        ActionDispatcher.payload().put("serverId", request.serverId()));
  }

  @Requires(resource = "ip_address", action = "unassign", owned = true)
  @PostMapping("/{id}/unassign")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public JobTicket unassign(Actor actor, @PathVariable long id) {
    return actOn(actor, Action.IP_UNASSIGN, id, "unassigned", "assigned");
  }

  @Requires(resource = "ip_address", action = "remove", owned = true)
  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public JobTicket release(Actor actor, @PathVariable long id) {
    return actOn(actor, Action.IP_RELEASE, id, "released", "available");
  }
}
