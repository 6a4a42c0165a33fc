package io.stratus.console.image;

import io.stratus.cloud.spi.CapabilitySnapshot;
import io.stratus.common.access.Access;
import io.stratus.common.access.Qualifier;
import io.stratus.console.cloud.AccountCapabilities;
import io.stratus.console.list.ConsoleKind;
import io.stratus.console.list.KindList;
import io.stratus.console.list.ListPage;
import io.stratus.console.web.BadInput;
import io.stratus.console.web.Reads;
import io.stratus.console.web.Session;
import io.stratus.web.dispatch.DispatcherClient;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * Machine images: the cloud's own and the customer's captured ones, filtered by account and region;
 * an own, active image can be removed where the cloud removes images and the user may. With a MINE
 * or GROUP right a user sees the cloud's images (no owner) and its own, as in the API.
 */
@Controller
public class ImageController {
  private final Reads reads;
  private final DispatcherClient dispatcher;

  private final KindList lists;

  public ImageController(Reads reads, DispatcherClient dispatcher, KindList lists) {
    this.reads = reads;
    this.dispatcher = dispatcher;
    this.lists = lists;
  }

  @GetMapping("/images")
  String list(Access access, HttpServletRequest request, Model model) {
    ListPage page = lists.show(ConsoleKind.MACHINE_IMAGE, access, request, model);
    AccountCapabilities caps = AccountCapabilities.load(reads, access.customerId());
    for (ListPage.Row image : page.rows()) {
      image.extra().put("removable", removable(access, caps, image));
    }
    return "images";
  }

  @PostMapping("/images/{id}/remove")
  String remove(Access access, HttpServletRequest request, @PathVariable long id) {
    Qualifier q = access.require("machine_image", "read");
    Map<String, Object> params = Reads.params(access);
    params.put("id", id);
    Map<String, Object> image =
        reads.one(
            "SELECT id, cloud_account_id, state, is_public, owner_user_id FROM machine_image"
                + " WHERE id = :id AND customer_id = :customer"
                + (q == Qualifier.ANY
                    ? ""
                    : " AND (owner_user_id IS NULL OR owner_user_id = :accessUser)"),
            params,
            "image",
            id);
    if (isTrue(image.get("is_public"))) {
      throw new BadInput("image " + id + " is a public image of the cloud; it cannot be removed");
    }
    access.requireOn(
        "machine_image", "remove", AccountCapabilities.owner(image.get("owner_user_id")), null);
    DispatcherClient.Ticket ticket =
        dispatcher.act(Session.actor(access, request), "DELETE", "/images/" + id, null);
    return "redirect:/jobs/" + ticket.jobId();
  }

  private static boolean removable(Access access, AccountCapabilities caps, ListPage.Row image) {
    return "active".equals(image.value("status"))
        && !isTrue(image.value("sharable"))
        && caps.allows(image.value("owningAccount"), CapabilitySnapshot::imageRemove)
        && AccountCapabilities.may(access, "machine_image", "remove", image.owner());
  }

  private static boolean isTrue(Object value) {
    return value instanceof Boolean b ? b : value instanceof Number n && n.intValue() != 0;
  }
}
