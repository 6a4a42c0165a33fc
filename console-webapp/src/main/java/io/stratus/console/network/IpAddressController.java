package io.stratus.console.network;

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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Static IP addresses: the list, requesting one in a region whose cloud has them, and for each the
 * actions its state and the user's rights allow: assign to a running or stopped server of its
 * region, unassign, release.
 */
@Controller
public class IpAddressController {
  private final Reads reads;
  private final DispatcherClient dispatcher;

  private final int pageSize;

  public IpAddressController(Reads reads, DispatcherClient dispatcher, ConsoleSettings settings) {
    this.pageSize = settings.pageSize();
    this.reads = reads;
    this.dispatcher = dispatcher;
  }

  @GetMapping("/ip-addresses")
  String list(
      Access access,
      HttpServletRequest request,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "0") long account,
      Model model) {
    Qualifier q = access.require("ip_address", "read");
    Map<String, Object> params = Reads.params(access);
    Paging paging = Paging.of(page, pageSize);
    StringBuilder where =
        new StringBuilder(" WHERE x.customer_id = :customer AND x.state <> 'released'");
    where.append(access.userFilter(q, "x"));
    if (account > 0) {
      where.append(" AND x.cloud_account_id = :account");
      params.put("account", account);
    }
    List<Map<String, Object>> addresses =
        paging.rows(
            reads.rows(
                """
            SELECT x.id, x.region_id, x.address, x.ip_version, x.state, x.server_id,
                   x.owner_user_id, a.name AS account, r.name AS region, s.name AS server
              FROM ip_address x
              JOIN cloud_account a ON a.id = x.cloud_account_id
              JOIN region r ON r.id = x.region_id
              LEFT JOIN server s ON s.id = x.server_id
            """
                    + where
                    + " ORDER BY x.id DESC"
                    + paging.clause(params),
                params),
            request,
            model);
    List<Map<String, Object>> servers = AccountCapabilities.servers(access, reads);
    for (Map<String, Object> x : addresses) {
      Object owner = x.get("owner_user_id");
      String state = (String) x.get("state");
      List<Map<String, Object>> targets = new ArrayList<>();
      boolean assign =
          "available".equals(state)
              && AccountCapabilities.may(access, "ip_address", "assign", owner);
      if (assign) {
        for (Map<String, Object> s : servers) {
          if (s.get("region_id").equals(x.get("region_id"))) {
            targets.add(s);
          }
        }
      }
      x.put("servers", targets);
      x.put("assign", assign && !targets.isEmpty());
      x.put("assignNone", assign && targets.isEmpty());
      x.put(
          "unassign",
          "assigned".equals(state)
              && AccountCapabilities.may(access, "ip_address", "unassign", owner));
      x.put(
          "release",
          "available".equals(state)
              && AccountCapabilities.may(access, "ip_address", "remove", owner));
    }
    model.addAttribute("addresses", addresses);
    model.addAttribute("account", account);
    model.addAttribute(
        "accounts",
        reads.rows(
            "SELECT id, name FROM cloud_account WHERE customer_id = :customer ORDER BY name",
            params));
    model.addAttribute(
        "regions",
        access.may("ip_address", "create")
            ? AccountCapabilities.load(reads, access.customerId())
                .regions(reads, access.customerId(), CapabilitySnapshot::ipAddresses)
            : List.of());
    return "ip-addresses";
  }

  @PostMapping("/ip-addresses")
  String request(Access access, HttpServletRequest request, @RequestParam long region) {
    access.require("ip_address", "create");
    boolean offered =
        AccountCapabilities.load(reads, access.customerId())
            .regions(reads, access.customerId(), CapabilitySnapshot::ipAddresses)
            .stream()
            .anyMatch(r -> AccountCapabilities.id(r.get("id")) == region);
    if (!offered) {
      throw new BadInput("region " + region + " is not one with static IP addresses of yours");
    }
    DispatcherClient.Ticket ticket =
        dispatcher.act(
            Session.actor(access, request), "POST", "/ip-addresses", Map.of("regionId", region));
    return "redirect:/jobs/" + ticket.jobId();
  }

  @PostMapping("/ip-addresses/{id}/assign")
  String assign(
      Access access, HttpServletRequest request, @PathVariable long id, @RequestParam long server) {
    reads.requireOwned(access, "ip_address", "IP address", id, "assign");
    Map<String, Object> body = new HashMap<>();
    body.put("serverId", server);
    DispatcherClient.Ticket ticket =
        dispatcher.act(
            Session.actor(access, request), "POST", "/ip-addresses/" + id + "/assign", body);
    return "redirect:/jobs/" + ticket.jobId();
  }

  @PostMapping("/ip-addresses/{id}/unassign")
  String unassign(Access access, HttpServletRequest request, @PathVariable long id) {
    reads.requireOwned(access, "ip_address", "IP address", id, "unassign");
    DispatcherClient.Ticket ticket =
        dispatcher.act(
            Session.actor(access, request), "POST", "/ip-addresses/" + id + "/unassign", null);
    return "redirect:/jobs/" + ticket.jobId();
  }

  @PostMapping("/ip-addresses/{id}/release")
  String release(Access access, HttpServletRequest request, @PathVariable long id) {
    reads.requireOwned(access, "ip_address", "IP address", id, "remove");
    DispatcherClient.Ticket ticket =
        dispatcher.act(Session.actor(access, request), "DELETE", "/ip-addresses/" + id, null);
    return "redirect:/jobs/" + ticket.jobId();
  }
}
