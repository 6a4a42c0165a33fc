package io.stratus.console.server;

import io.stratus.cloud.spi.CapabilitySnapshot;
import io.stratus.common.access.Access;
import io.stratus.console.cloud.Capabilities;
import io.stratus.console.web.BadInput;
import io.stratus.console.web.Reads;
import io.stratus.console.web.Session;
import io.stratus.web.dispatch.DispatcherClient;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The launch wizard: cloud account → region → (data centre, image, product, firewalls, name), each
 * step offering only what the chosen account's capabilities allow (a data centre only where the
 * cloud places servers in one, firewalls only where it has them, names as long and shaped as it
 * accepts). The launch itself goes to the Dispatcher, and the browser to its job.
 */
@Controller
public class LaunchController {
  private final Reads reads;
  private final DispatcherClient dispatcher;

  public LaunchController(Reads reads, DispatcherClient dispatcher) {
    this.reads = reads;
    this.dispatcher = dispatcher;
  }

  @GetMapping("/servers/launch")
  String wizard(
      Access access,
      @RequestParam(defaultValue = "0") long account,
      @RequestParam(defaultValue = "0") long region,
      Model model) {
    access.require("server", "launch");
    Map<String, Object> params = Reads.params(access);
    if (account == 0) {
      model.addAttribute("step", "account");
      model.addAttribute(
          "accounts",
          reads.rows(
              """
              SELECT a.id, a.name, c.name AS cloud FROM cloud_account a JOIN cloud c ON c.id = a.cloud_id
               WHERE a.customer_id = :customer AND a.status = 'active' ORDER BY a.name
              """,
              params));
      return "launch";
    }
    params.put("account", account);
    Map<String, Object> chosen =
        reads.one(
            """
            SELECT a.id, a.name, c.name AS cloud FROM cloud_account a JOIN cloud c ON c.id = a.cloud_id
             WHERE a.id = :account AND a.customer_id = :customer AND a.status = 'active'
            """,
            params,
            "active cloud account",
            account);
    CapabilitySnapshot can =
        Capabilities.of(reads, access.customerId(), account)
            .orElseThrow(() -> new BadInput("cloud account " + account + " is not active"));
    if (!can.servers()) {
      throw new BadInput("the cloud of account " + chosen.get("name") + " has no servers");
    }
    model.addAttribute("account", chosen);
    model.addAttribute("cloud", can);
    if (region == 0) {
      model.addAttribute("step", "region");
      model.addAttribute(
          "regions",
          reads.rows(
              "SELECT id, name, provider_region_id FROM region WHERE customer_id = :customer"
                  + " AND cloud_account_id = :account ORDER BY name",
              params));
      return "launch";
    }
    params.put("region", region);
    model.addAttribute(
        "region",
        reads.one(
            "SELECT id, name FROM region WHERE id = :region AND customer_id = :customer"
                + " AND cloud_account_id = :account",
            params,
            "region",
            region));
    model.addAttribute("step", "details");
    model.addAttribute(
        "dataCenters",
        reads.rows(
            "SELECT id, name FROM data_center WHERE customer_id = :customer AND region_id = :region"
                + " ORDER BY name",
            params));
    model.addAttribute(
        "images",
        reads.rows(
            "SELECT id, name, platform, architecture FROM machine_image WHERE customer_id ="
                + " :customer AND region_id = :region AND state = 'active' ORDER BY name",
            params));
    model.addAttribute(
        "products",
        reads.rows(
            "SELECT id, name, cpu_count, ram_mb, root_volume_gb FROM server_product"
                + " WHERE customer_id = :customer AND region_id = :region AND status = 'active'"
                + " ORDER BY cpu_count, ram_mb",
            params));
    boolean firewalls = can.supportsFirewalls() && access.may("firewall", "read");
    model.addAttribute(
        "firewalls",
        firewalls
            ? reads.rows(
                "SELECT id, name FROM firewall WHERE customer_id = :customer AND region_id ="
                    + " :region AND "
                    + USABLE_FIREWALL
                    + " ORDER BY name",
                params)
            : List.of());
    model.addAttribute("offerFirewalls", firewalls);
    return "launch";
  }

  @PostMapping("/servers/launch")
  String launch(
      Access access,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      @RequestParam long region,
      @RequestParam(required = false) Long dataCenter,
      @RequestParam long image,
      @RequestParam long product,
      @RequestParam(required = false) List<Long> firewalls,
      @RequestParam String name,
      @RequestParam(defaultValue = "") String description) {
    access.require("server", "launch");
    if (name.isBlank()) {
      throw new BadInput("a server needs a name");
    }
    String unusable = unusableFirewalls(access, region, firewalls);
    if (unusable != null) {
      // Refused here, before the Dispatcher records anything: the form again, with the reason.
      response.setStatus(409);
      model.addAttribute("problem", unusable);
      model.addAttribute("entered", Map.of("name", name, "description", description));
      return wizard(access, accountOf(access, region), region, model);
    }
    Map<String, Object> body = new HashMap<>();
    body.put("regionId", region);
    body.put("dataCenterId", dataCenter);
    body.put("imageId", image);
    body.put("productId", product);
    body.put("name", name.strip());
    body.put("description", description.isBlank() ? null : description.strip());
    body.put("firewallIds", firewalls == null ? List.of() : firewalls);
    DispatcherClient.Ticket ticket =
        dispatcher.act(Session.actor(access, request), "POST", "/servers", body);
    return "redirect:/jobs/" + ticket.jobId();
  }

  /**
   * The state of a firewall a new server can be put behind: created in the cloud and not deleted
   * (the Dispatcher asks the same).
   */
  private static final String USABLE_STATE = "active";

  private static final String USABLE_FIREWALL = "state = '" + USABLE_STATE + "'";

  /**
   * Why some of {@code chosen} cannot take a new server (deleted, not yet created, not in the
   * region, not the customer's), or null when all can.
   */
  private String unusableFirewalls(Access access, long region, List<Long> chosen) {
    if (chosen == null || chosen.isEmpty()) {
      return null;
    }
    Map<String, Object> params = Reads.params(access);
    params.put("region", region);
    params.put("ids", chosen);
    List<Map<String, Object>> rows =
        reads.rows(
            "SELECT id, name, state FROM firewall WHERE customer_id = :customer AND id IN (:ids)"
                + " AND region_id = :region",
            params);
    List<String> refused = new ArrayList<>();
    for (Long id : new LinkedHashSet<>(chosen)) {
      Map<String, Object> row =
          rows.stream()
              .filter(r -> ((Number) r.get("id")).longValue() == id)
              .findFirst()
              .orElse(null);
      if (row == null) {
        refused.add("firewall " + id + " is not in this region");
      } else if (!USABLE_STATE.equals(row.get("state"))) {
        refused.add("firewall " + row.get("name") + " is " + row.get("state"));
      }
    }
    return refused.isEmpty()
        ? null
        : String.join("; ", refused) + ". Choose among the firewalls offered now.";
  }

  private long accountOf(Access access, long region) {
    Map<String, Object> params = Reads.params(access);
    params.put("region", region);
    Map<String, Object> row =
        reads.one(
            "SELECT cloud_account_id FROM region WHERE id = :region AND customer_id = :customer",
            params,
            "region",
            region);
    return ((Number) row.get("cloud_account_id")).longValue();
  }
}
