package io.stratus.dispatcher.storage;

import io.stratus.cloud.spi.CapabilitySnapshot;
import io.stratus.common.job.Action;
import io.stratus.dispatcher.access.Actor;
import io.stratus.dispatcher.action.ActionDispatcher;
import io.stratus.dispatcher.action.JobTicket;
import io.stratus.dispatcher.action.JobsInFlight;
import io.stratus.dispatcher.action.Resources;
import io.stratus.dispatcher.web.Checks;
import io.stratus.dispatcher.web.DispatchException;
import io.stratus.dispatcher.web.States;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.support.GeneratedKeyHolder;
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
public class VolumeController {
  /** A new volume's place, name and size. */
  public record CreateVolume(Long regionId, Long dataCenterId, String name, Integer sizeGb) {}

  /** Where to attach a volume. */
  public record AttachVolume(Long serverId, String device) {}

  private final Resources resources;
  private final ActionDispatcher dispatcher;

  public VolumeController(Resources resources, ActionDispatcher dispatcher) {
    this.resources = resources;
    this.dispatcher = dispatcher;
  }

  @PostMapping
  @ResponseStatus(HttpStatus.ACCEPTED)
  public JobTicket create(Actor actor, @RequestBody CreateVolume request) {
    long customer = actor.customerId();
    Map<String, Object> region =
        resources.owned("region", customer, Checks.required(request.regionId(), "regionId"));
    long accountId = Resources.id(region, "cloud_account_id");
    CapabilitySnapshot can = resources.capabilities(customer, accountId);
    if (!can.volumes()) {
      throw DispatchException.unsupported("this cloud has no volumes");
    }
    String name = Checks.name(request.name(), "name");
    if (request.sizeGb() == null
        || request.sizeGb() < can.volumeMinGb()
        || request.sizeGb() > can.volumeMaxGb()) {
      throw DispatchException.badRequest(
          "sizeGb must be between "
              + can.volumeMinGb()
              + " and "
              + can.volumeMaxGb()
              + " on this cloud");
    }
    if (request.dataCenterId() != null) {
      Map<String, Object> dc = resources.owned("data_center", customer, request.dataCenterId());
      if (Resources.id(dc, "region_id") != request.regionId()) {
        throw DispatchException.badRequest(
            "data centre " + request.dataCenterId() + " is not in region " + request.regionId());
      }
    }
    return dispatcher.dispatch(
        actor,
        Action.VOLUME_CREATE,
        () -> {
          GeneratedKeyHolder keys = new GeneratedKeyHolder();
          resources
              .jdbc()
              .sql(
                  """
                  INSERT INTO volume (customer_id, cloud_account_id, region_id, data_center_id,
                                      name, size_gb, state, owner_user_id)
                  VALUES (?, ?, ?, ?, ?, ?, 'pending', ?)
                  """)
              .params(
                  customer,
                  accountId,
                  request.regionId(),
                  request.dataCenterId(),
                  name,
                  request.sizeGb(),
                  actor.userId())
              .update(keys, "id");
          return keys.getKey().longValue();
        },
        ActionDispatcher.payload());
  }

  @PostMapping("/{id}/attach")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public JobTicket attach(Actor actor, @PathVariable long id, @RequestBody AttachVolume request) {
    long customer = actor.customerId();
    Map<String, Object> volume = resources.owned("volume", customer, id);
    CapabilitySnapshot can =
        resources.capabilities(customer, Resources.id(volume, "cloud_account_id"));
    States.require(volume, "volume", "attached", "available");
    Map<String, Object> server =
        resources.owned("server", customer, Checks.required(request.serverId(), "serverId"));
    if (Resources.id(server, "region_id") != Resources.id(volume, "region_id")) {
      throw DispatchException.badRequest(
          "server " + request.serverId() + " is not in the volume's region");
    }
    if (can.attachWhileRunning()) {
      States.require(server, "server", "given a volume", "running", "stopped");
    } else {
      States.require(server, "server", "given a volume on this cloud", "stopped");
    }
    String device = request.device() == null ? null : request.device().strip();
    if (device != null && !device.matches("[A-Za-z0-9/_-]{1,64}")) {
      throw DispatchException.badRequest("device must be 1..64 letters, digits, '/', '_' or '-'");
    }
    JobsInFlight.refuseIfBusy(resources, "volume", id);
    var parameters = ActionDispatcher.payload().put("serverId", request.serverId());
    if (device != null) {
      parameters.put("device", device);
    }
    return dispatcher.dispatch(actor, Action.VOLUME_ATTACH, id, parameters);
  }

  @PostMapping("/{id}/detach")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public JobTicket detach(Actor actor, @PathVariable long id) {
    Map<String, Object> volume = resources.owned("volume", actor.customerId(), id);
    resources.capabilities(actor.customerId(), Resources.id(volume, "cloud_account_id"));
    States.require(volume, "volume", "detached", "attached");
    JobsInFlight.refuseIfBusy(resources, "volume", id);
    return dispatcher.dispatch(actor, Action.VOLUME_DETACH, id, ActionDispatcher.payload());
  }

  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public JobTicket remove(Actor actor, @PathVariable long id) {
    Map<String, Object> volume = resources.owned("volume", actor.customerId(), id);
    resources.capabilities(actor.customerId(), Resources.id(volume, "cloud_account_id"));
    States.require(volume, "volume", "removed", "available");
    JobsInFlight.refuseIfBusy(resources, "volume", id);
    return dispatcher.dispatch(actor, Action.VOLUME_REMOVE, id, ActionDispatcher.payload());
  }
}
