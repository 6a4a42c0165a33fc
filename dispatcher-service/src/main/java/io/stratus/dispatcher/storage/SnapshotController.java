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

/** Snapshots of volumes: create, remove. */
@RestController
@RequestMapping("/snapshots")
public class SnapshotController {
  /** Which volume to snapshot, and the snapshot's name. */
  public record CreateSnapshot(Long volumeId, String name) {}

  private final Resources resources;
  private final ActionDispatcher dispatcher;

  public SnapshotController(Resources resources, ActionDispatcher dispatcher) {
    this.resources = resources;
    this.dispatcher = dispatcher;
  }

  @PostMapping
  @ResponseStatus(HttpStatus.ACCEPTED)
  public JobTicket create(Actor actor, @RequestBody CreateSnapshot request) {
    long customer = actor.customerId();
    Map<String, Object> volume =
        resources.owned("volume", customer, Checks.required(request.volumeId(), "volumeId"));
    long accountId = Resources.id(volume, "cloud_account_id");
    CapabilitySnapshot can = resources.capabilities(customer, accountId);
    if (!can.snapshots()) {
      throw DispatchException.unsupported("this cloud has no snapshots");
    }
    States.require(volume, "volume", "snapshotted", "available", "attached");
    String name = Checks.name(request.name(), "name");
    return dispatcher.dispatch(
        actor,
        Action.SNAPSHOT_CREATE,
        () -> {
          GeneratedKeyHolder keys = new GeneratedKeyHolder();
          resources
              .jdbc()
              .sql(
                  """
                  INSERT INTO snapshot (customer_id, cloud_account_id, region_id, volume_id, name,
                                        size_gb, state, owner_user_id)
                  VALUES (?, ?, ?, ?, ?, ?, 'pending', ?)
                  """)
              .params(
                  customer,
                  accountId,
                  volume.get("region_id"),
                  request.volumeId(),
                  name,
                  volume.get("size_gb"),
                  actor.userId())
              .update(keys, "id");
          return keys.getKey().longValue();
        },
        ActionDispatcher.payload());
  }

  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public JobTicket remove(Actor actor, @PathVariable long id) {
    Map<String, Object> snapshot = resources.owned("snapshot", actor.customerId(), id);
    resources.capabilities(actor.customerId(), Resources.id(snapshot, "cloud_account_id"));
    States.require(snapshot, "snapshot", "removed", "available");
    JobsInFlight.refuseIfBusy(resources, "snapshot", id);
    return dispatcher.dispatch(actor, Action.SNAPSHOT_REMOVE, id, ActionDispatcher.payload());
  }
}
