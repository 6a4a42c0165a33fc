package io.stratus.dispatcher.image;

import io.stratus.common.job.Action;
import io.stratus.dispatcher.access.Actor;
import io.stratus.dispatcher.access.Requires;
import io.stratus.dispatcher.action.ActionController;
import io.stratus.dispatcher.action.ActionDispatcher;
import io.stratus.dispatcher.action.JobTicket;
import io.stratus.dispatcher.action.Resources;
import io.stratus.dispatcher.action.Resources.Target;
import io.stratus.dispatcher.web.Checks;
import io.stratus.dispatcher.web.DispatchException;
import java.util.UUID;
import org.springframework.http.HttpStatus;
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
public class ImageController extends ActionController {
  /** The server to capture and the image's name. */
  public record CaptureImage(Long serverId, String name) {}

  public ImageController(Resources resources, ActionDispatcher dispatcher) {
    super(resources, dispatcher);
  }

  @Requires(resource = "machine_image", action = "capture")
  @PostMapping
  @ResponseStatus(HttpStatus.ACCEPTED)
  public JobTicket capture(Actor actor, @RequestBody CaptureImage request) {
    long customer = actor.customerId();
    Target server =
        resources.actionable(
            "server",
            customer,
            Checks.required(request.serverId(), "serverId"),
            "captured",
            "running",
            "stopped");
    requireOffered(server.can().imageCapture(), "this cloud cannot capture images");
    String name = Checks.name(request.name(), "name");
    return dispatcher.dispatch(
        actor,
        Action.IMAGE_CAPTURE,
        () ->
            resources.insert(
                """
                INSERT INTO machine_image (customer_id, cloud_account_id, region_id,
                                           provider_image_id, name, state, owner_user_id)
                VALUES (?, ?, ?, ?, ?, 'pending', ?)
                """,
                customer,
                server.id("cloud_account_id"),
                server.id("region_id"),
                // unique until the cloud names it: the capture task records the cloud's id
                "pending-" + UUID.randomUUID(),
                name,
                actor.userId()),
        ActionDispatcher.payload().put("serverId", request.serverId()));
  }

  @Requires(resource = "machine_image", action = "remove", owned = true)
  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public JobTicket remove(Actor actor, @PathVariable long id) {
    Target image =
        resources.actionable("machine_image", actor.customerId(), id, "removed", "active");
    requireOffered(image.can().imageRemove(), "this cloud cannot remove images");
    if (Boolean.TRUE.equals(image.row().get("is_public"))) {
      throw DispatchException.forbidden(
          "image "
              + id
              + " is a public image of the cloud; only the customer's own can be removed");
    }
    return dispatcher.dispatch(actor, Action.IMAGE_REMOVE, id, ActionDispatcher.payload());
  }
}
