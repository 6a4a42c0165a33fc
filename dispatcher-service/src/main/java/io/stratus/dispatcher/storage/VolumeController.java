package io.stratus.dispatcher.storage;

import io.stratus.cloud.spi.CapabilitySnapshot;
import io.stratus.cloud.spi.Refusals;
import io.stratus.cloud.spi.compute.VolumeCheck;
import io.stratus.common.job.Action;
import io.stratus.dispatcher.access.Actor;
import io.stratus.dispatcher.access.Requires;
import io.stratus.dispatcher.action.ActionController;
import io.stratus.dispatcher.action.ActionDispatcher;
import io.stratus.dispatcher.action.JobTicket;
import io.stratus.dispatcher.action.Resources;
import io.stratus.dispatcher.action.Resources.Placement;
import io.stratus.dispatcher.action.Resources.Target;
import io.stratus.dispatcher.web.Checks;
import io.stratus.dispatcher.web.DispatchException;
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

/** Volumes: create, attach, detach, remove. */
@RestController
@RequestMapping("/volumes")
public class VolumeController extends ActionController {
  /** A new volume's place (a region, a data centre, or both), name and size. */
  public record CreateVolume(Long regionId, Long dataCenterId, String name, Integer sizeGb) {}

  /** Where to attach a volume. */
  public record AttachVolume(Long serverId, String device) {}

  public VolumeController(Resources resources, ActionDispatcher dispatcher) {
    super(resources, dispatcher);
  }

  @Requires(resource = "volume", action = "create")
  @PostMapping
  @ResponseStatus(HttpStatus.ACCEPTED)
  public JobTicket create(Actor actor, @RequestBody CreateVolume request) {
    long customer = actor.customerId();
    Long regionId = request.regionId();
    if (regionId == null && request.dataCenterId() != null) {
      regionId =
          ((Number)
                  resources.owned("data_center", customer, request.dataCenterId()).get("region_id"))
              .longValue();
    }
    Placement at =
        placement(actor, regionId, CapabilitySnapshot::volumes, "this cloud has no volumes");
    String name = Checks.name(request.name(), "name");
    Integer size = request.sizeGb();
    refuse(VolumeCheck.size(at.can(), size, new Refusals()));
    if (request.dataCenterId() != null) {
      Resources.inRegion(
          resources.owned("data_center", customer, request.dataCenterId()),
          at.regionId(),
          "data centre");
    }
    return dispatcher.dispatch(
        actor,
        Action.VOLUME_CREATE,
        () ->
            resources.insert(
                """
                INSERT INTO volume (customer_id, cloud_account_id, region_id, data_center_id,
                                    name, size_gb, state, owner_user_id)
                VALUES (?, ?, ?, ?, ?, ?, 'pending', ?)
                """,
                customer,
                at.accountId(),
                at.regionId(),
                request.dataCenterId(),
                name,
                size,
                actor.userId()),
        ActionDispatcher.payload());
  }

  @Requires(resource = "volume", action = "attach", owned = true)
  @PostMapping("/{id}/attach")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public JobTicket attach(Actor actor, @PathVariable long id, @RequestBody AttachVolume request) {
    long customer = actor.customerId();
    Target volume = resources.actionable("volume", customer, id, "attached", "available");
    Map<String, Object> server = resources.serverBeside(customer, request.serverId(), volume);
    if (volume.can().attachWhileRunning()) {
      States.require(server, "server", "given a volume", "running", "stopped");
    } else {
      States.require(server, "server", "given a volume on this cloud", "stopped");
    }
    String device = request.device() == null ? null : request.device().strip();
    refuse(VolumeCheck.device(volume.can(), device, new Refusals()));
    var parameters = ActionDispatcher.payload().put("serverId", request.serverId());
    if (device != null) {
      parameters.put("device", device);
    }
    return dispatcher.dispatch(actor, Action.VOLUME_ATTACH, id, parameters);
  }

  @Requires(resource = "volume", action = "detach", owned = true)
  @PostMapping("/{id}/detach")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public JobTicket detach(Actor actor, @PathVariable long id) {
    return actOn(actor, Action.VOLUME_DETACH, id, "detached", "attached");
  }

  @Requires(resource = "volume", action = "remove", owned = true)
  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public JobTicket remove(Actor actor, @PathVariable long id) {
    return actOn(actor, Action.VOLUME_REMOVE, id, "removed", "available");
  }

  private static void refuse(Refusals refusals) {
    if (!refusals.isEmpty()) {
      throw DispatchException.badRequest(refusals.first());
    }
  }
}
