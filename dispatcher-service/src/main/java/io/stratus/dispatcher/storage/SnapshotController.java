package io.stratus.dispatcher.storage;

import io.stratus.common.job.Action;
import io.stratus.dispatcher.access.Actor;
import io.stratus.dispatcher.access.Requires;
import io.stratus.dispatcher.action.ActionController;
import io.stratus.dispatcher.action.ActionDispatcher;
import io.stratus.dispatcher.action.JobTicket;
import io.stratus.dispatcher.action.Resources;
import io.stratus.dispatcher.action.Resources.Target;
import io.stratus.dispatcher.web.Checks;
import org.springframework.http.HttpStatus;
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
public class SnapshotController extends ActionController {
  /** Which volume to snapshot, and the snapshot's name. */
  public record CreateSnapshot(Long volumeId, String name) {}

  public SnapshotController(Resources resources, ActionDispatcher dispatcher) {
    super(resources, dispatcher);
  }

  @Requires(resource = "snapshot", action = "create")
  @PostMapping
  @ResponseStatus(HttpStatus.ACCEPTED)
  public JobTicket create(Actor actor, @RequestBody CreateSnapshot request) {
    long customer = actor.customerId();
    Target volume =
        resources.actionable(
            "volume",
            customer,
            Checks.required(request.volumeId(), "volumeId"),
            "snapshotted",
            "available",
            "attached");
    requireOffered(volume.can().snapshots(), "this cloud has no snapshots");
    String name = Checks.name(request.name(), "name");
    return dispatcher.dispatch(
        actor,
        Action.SNAPSHOT_CREATE,
        () ->
            resources.insert(
                """
                INSERT INTO snapshot (customer_id, cloud_account_id, region_id, volume_id, name,
                                      size_gb, state, owner_user_id)
                VALUES (?, ?, ?, ?, ?, ?, 'pending', ?)
                """,
                customer,
                volume.id("cloud_account_id"),
                volume.id("region_id"),
                request.volumeId(),
                name,
                volume.row().get("size_gb"),
                actor.userId()),
        ActionDispatcher.payload());
  }

  @Requires(resource = "snapshot", action = "remove", owned = true)
  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public JobTicket remove(Actor actor, @PathVariable long id) {
    return actOn(actor, Action.SNAPSHOT_REMOVE, id, "removed", "available");
  }
}
