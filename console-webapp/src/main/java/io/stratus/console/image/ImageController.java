package io.stratus.console.image;

import io.stratus.cloud.spi.CapabilitySnapshot;
import io.stratus.common.access.Access;
import io.stratus.common.access.Qualifier;
import io.stratus.console.ConsoleSettings;
import io.stratus.console.cloud.AccountCapabilities;
import io.stratus.console.web.BadInput;
import io.stratus.console.web.Paging;
import io.stratus.console.web.Reads;
import io.stratus.console.web.Session;
import io.stratus.web.dispatch.DispatcherClient;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Machine images: the cloud's own and the customer's captured ones, filtered by account and region;
 * an own, active image can be removed where the cloud removes images and the user may. With a MINE
 * or GROUP right a user sees the cloud's images (no owner) and its own, as in the API.
 */
@Controller
public class ImageController {
  private final Reads reads;
  private final DispatcherClient dispatcher;

  private final int pageSize;

  public ImageController(Reads reads, DispatcherClient dispatcher, ConsoleSettings settings) {
    this.pageSize = settings.pageSize();
    this.reads = reads;
    this.dispatcher = dispatcher;
  }

  @GetMapping("/images")
  String list(
      Access access,
      HttpServletRequest request,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "0") long account,
      @RequestParam(defaultValue = "0") long region,
      Model model) {
    Qualifier q = access.require("machine_image", "read");
    Map<String, Object> params = Reads.params(access);
    Paging paging = Paging.of(page, pageSize);
    StringBuilder where =
        new StringBuilder(" WHERE i.customer_id = :customer AND i.state <> 'removed'");
    if (q != Qualifier.ANY) {
      where.append(" AND (i.owner_user_id IS NULL OR i.owner_user_id = :accessUser)");
    }
    if (account > 0) {
      where.append(" AND i.cloud_account_id = :account");
      params.put("account", account);
    }
    if (region > 0) {
      where.append(" AND i.region_id = :region");
      params.put("region", region);
    }
    List<Map<String, Object>> images =
        paging.rows(
            reads.rows(
                """
            SELECT i.id, i.cloud_account_id, i.name, i.description, i.platform, i.architecture,
                   i.state, i.is_public, i.owner_user_id, i.provider_image_id,
                   a.name AS account, r.name AS region
              FROM machine_image i
              JOIN cloud_account a ON a.id = i.cloud_account_id
              JOIN region r ON r.id = i.region_id
            """
                    + where
                    + " ORDER BY a.name, r.name, i.name"
                    + paging.clause(params),
                params),
            request,
            model);
    AccountCapabilities caps = AccountCapabilities.load(reads, access.customerId());
    for (Map<String, Object> image : images) {
      image.put("removable", removable(access, caps, image));
    }
    model.addAttribute("images", images);
    model.addAttribute("account", account);
    model.addAttribute("region", region);
    model.addAttribute(
        "accounts",
        reads.rows(
            "SELECT id, name FROM cloud_account WHERE customer_id = :customer ORDER BY name",
            params));
    model.addAttribute(
        "regions",
        reads.rows(
            """
            SELECT r.id, r.name, a.name AS account FROM region r
              JOIN cloud_account a ON a.id = r.cloud_account_id
             WHERE r.customer_id = :customer ORDER BY a.name, r.name
            """,
            params));
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

  private static boolean removable(
      Access access, AccountCapabilities caps, Map<String, Object> image) {
    return "active".equals(image.get("state"))
        && !isTrue(image.get("is_public"))
        && caps.allows(image.get("cloud_account_id"), CapabilitySnapshot::imageRemove)
        && AccountCapabilities.may(access, "machine_image", "remove", image.get("owner_user_id"));
  }

  private static boolean isTrue(Object value) {
    return value instanceof Boolean b ? b : value instanceof Number n && n.intValue() != 0;
  }
}
