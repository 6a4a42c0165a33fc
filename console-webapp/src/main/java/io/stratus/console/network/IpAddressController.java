package io.stratus.console.network;

import io.stratus.cloud.spi.CapabilitySnapshot;
import io.stratus.common.access.Access;
import io.stratus.console.cloud.AccountCapabilities;
import io.stratus.console.list.ConsoleKind;
import io.stratus.console.list.KindList;
import io.stratus.console.list.ListPage;
import io.stratus.console.web.BadInput;
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

  private final KindList lists;

  public IpAddressController(Reads reads, DispatcherClient dispatcher, KindList lists) {
    this.reads = reads;
    this.dispatcher = dispatcher;
    this.lists = lists;
  }

  @GetMapping("/ip-addresses")
  String list(Access access, HttpServletRequest request, Model model) {
    ListPage page = lists.show(ConsoleKind.IP_ADDRESS, access, request, model);
    List<Map<String, Object>> servers = AccountCapabilities.servers(access, reads);
    for (ListPage.Row x : page.rows()) {
      Object owner = x.owner();
      Object state = x.value("status");
      List<Map<String, Object>> targets = new ArrayList<>();
      boolean assign =
          "available".equals(state)
              && AccountCapabilities.may(access, "ip_address", "assign", owner);
      if (assign) {
        for (Map<String, Object> s : servers) {
          if (s.get("region_id").equals(x.value("region"))) {
            targets.add(s);
          }
        }
      }
      Map<String, Object> actions = x.extra();
      actions.put("servers", targets);
      actions.put("assign", assign && !targets.isEmpty());
      actions.put("assignNone", assign && targets.isEmpty());
      actions.put(
          "unassign",
          "assigned".equals(state)
              && AccountCapabilities.may(access, "ip_address", "unassign", owner));
      actions.put(
          "release",
          "available".equals(state)
              && AccountCapabilities.may(access, "ip_address", "remove", owner));
    }
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
