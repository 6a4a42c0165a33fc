package io.stratus.dispatcher.image;

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

/** Machine images: capture one from a server, remove one the customer owns. */
@RestController
@RequestMapping("/images")
public class ImageController {
  /** The server to capture and the image's name. */
  public record CaptureImage(Long serverId, String name) {}

  private final Resources resources;
  private final ActionDispatcher dispatcher;

  public ImageController(Resources resources, ActionDispatcher dispatcher) {
    this.resources = resources;
    this.dispatcher = dispatcher;
  }

  @PostMapping
  @ResponseStatus(HttpStatus.ACCEPTED)
  public JobTicket capture(Actor actor, @RequestBody CaptureImage request) {
    long customer = actor.customerId();
    Map<String, Object> server =
        resources.owned("server", customer, Checks.required(request.serverId(), "serverId"));
    long accountId = Resources.id(server, "cloud_account_id");
    CapabilitySnapshot can = resources.capabilities(customer, accountId);
    if (!can.imageCapture()) {
      throw DispatchException.unsupported("this cloud cannot capture images");
    }
    States.require(server, "server", "captured", "running", "stopped");
    String name = Checks.name(request.name(), "name");
    return dispatcher.dispatch(
        actor,
        Action.IMAGE_CAPTURE,
        () -> {
          GeneratedKeyHolder keys = new GeneratedKeyHolder();
          resources
              .jdbc()
              .sql(
                  """
                  INSERT INTO machine_image (customer_id, cloud_account_id, region_id,
                                             provider_image_id, name, state, owner_user_id)
                  VALUES (?, ?, ?, ?, ?, 'pending', ?)
                  """)
              .params(
                  customer,
                  accountId,
                  server.get("region_id"),
                  "pending-" + java.util.UUID.randomUUID(),
                  name,
                  actor.userId())
              .update(keys, "id");
          return keys.getKey().longValue();
        },
        ActionDispatcher.payload().put("serverId", request.serverId()));
  }

  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public JobTicket remove(Actor actor, @PathVariable long id) {
    Map<String, Object> image = resources.owned("machine_image", actor.customerId(), id);
    CapabilitySnapshot can =
        resources.capabilities(actor.customerId(), Resources.id(image, "cloud_account_id"));
    if (!can.imageRemove()) {
      throw DispatchException.unsupported("this cloud cannot remove images");
    }
    if (Boolean.TRUE.equals(image.get("is_public"))) {
      throw DispatchException.forbidden(
          "image "
              + id
              + " is a public image of the cloud; only the customer's own can be removed");
    }
    States.require(image, "image", "removed", "active");
    JobsInFlight.refuseIfBusy(resources, "machine_image", id);
    return dispatcher.dispatch(actor, Action.IMAGE_REMOVE, id, ActionDispatcher.payload());
  }
}
