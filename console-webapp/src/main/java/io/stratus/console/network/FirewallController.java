package io.stratus.console.network;

import io.stratus.cloud.spi.CapabilitySnapshot;
import io.stratus.cloud.spi.Refusals;
import io.stratus.cloud.spi.network.FirewallRuleCheck;
import io.stratus.common.access.Access;
import io.stratus.common.access.Qualifier;
import io.stratus.console.cloud.AccountCapabilities;
import io.stratus.console.cloud.Capabilities;
import io.stratus.console.list.ConsoleKind;
import io.stratus.console.list.KindList;
import io.stratus.console.web.BadInput;
import io.stratus.console.web.FormAgain;
import io.stratus.console.web.Reads;
import io.stratus.console.web.Session;
import io.stratus.web.dispatch.DispatcherClient;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
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
 * Firewalls: the list and the form creating one in a region whose cloud has them; one firewall's
 * page with its rules, a form authorizing a rule and a button revoking each; and its removal. A
 * rule belongs to its firewall: adding one needs the firewall {@code create} right, revoking one
 * {@code remove}. Every change is accepted by the Dispatcher only while the firewall is active.
 */
@Controller
public class FirewallController {
  private final Reads reads;
  private final DispatcherClient dispatcher;

  private final KindList lists;

  public FirewallController(Reads reads, DispatcherClient dispatcher, KindList lists) {
    this.reads = reads;
    this.dispatcher = dispatcher;
    this.lists = lists;
  }

  @GetMapping("/firewalls")
  String list(Access access, HttpServletRequest request, Model model) {
    lists.show(ConsoleKind.FIREWALL, access, request, model);
    model.addAttribute(
        "regions",
        access.may("firewall", "create")
            ? AccountCapabilities.load(reads, access.customerId())
                .regions(reads, access.customerId(), CapabilitySnapshot::firewalls)
            : List.of());
    return "firewalls";
  }

  @PostMapping("/firewalls")
  String create(
      Access access,
      HttpServletRequest request,
      @RequestParam long region,
      @RequestParam String name,
      @RequestParam(defaultValue = "") String description) {
    access.require("firewall", "create");
    if (name.isBlank()) {
      throw new BadInput("a firewall needs a name");
    }
    boolean offered =
        AccountCapabilities.load(reads, access.customerId())
            .regions(reads, access.customerId(), CapabilitySnapshot::firewalls)
            .stream()
            .anyMatch(r -> AccountCapabilities.id(r.get("id")) == region);
    if (!offered) {
      throw new BadInput("region " + region + " is not one with firewalls of yours");
    }
    Map<String, Object> body = new HashMap<>();
    body.put("regionId", region);
    body.put("name", name.strip());
    body.put("description", description.isBlank() ? null : description.strip());
    DispatcherClient.Ticket ticket =
        dispatcher.act(Session.actor(access, request), "POST", "/firewalls", body);
    return "redirect:/jobs/" + ticket.jobId();
  }

  @GetMapping("/firewalls/{id}")
  String show(Access access, @PathVariable long id, Model model) {
    Qualifier q = access.require("firewall", "read");
    Map<String, Object> params = Reads.params(access);
    params.put("id", id);
    Map<String, Object> firewall =
        reads.one(
            """
            SELECT f.*, a.name AS account, r.name AS region
              FROM firewall f
              JOIN cloud_account a ON a.id = f.cloud_account_id
              JOIN region r ON r.id = f.region_id
             WHERE f.id = :id AND f.customer_id = :customer
            """
                + access.userFilter(q, "f"),
            params,
            "firewall",
            id);
    boolean active = "active".equals(firewall.get("state"));
    Object owner = firewall.get("owner_user_id");
    model.addAttribute("firewall", firewall);
    model.addAttribute(
        "rules",
        reads.rows(
            """
            SELECT id, direction, permission, protocol, from_port, to_port, source_cidr,
                   provider_rule_id
              FROM firewall_rule
             WHERE firewall_id = :id AND customer_id = :customer AND state <> 'deleted'
             ORDER BY direction DESC, id
            """,
            params));
    model.addAttribute(
        "addRule", active && AccountCapabilities.may(access, "firewall", "manage", owner));
    model.addAttribute(
        "revoke", active && AccountCapabilities.may(access, "firewall", "manage", owner));
    model.addAttribute(
        "removable", active && AccountCapabilities.may(access, "firewall", "remove", owner));
    model.addAttribute("directions", FirewallRuleCheck.DIRECTIONS);
    model.addAttribute("protocols", FirewallRuleCheck.PROTOCOLS);
    CapabilitySnapshot cloud =
        Capabilities.of(
                reads,
                access.customerId(),
                AccountCapabilities.id(firewall.get("cloud_account_id")))
            .orElse(null);
    model.addAttribute("ipv6", cloud != null && cloud.firewallIpv6());
    model.addAttribute("jobs", reads.jobsAbout(access, "firewall", id));
    return "firewall";
  }

  @PostMapping("/firewalls/{id}/rules")
  String authorize(
      Access access,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      @PathVariable long id,
      @RequestParam(defaultValue = "INGRESS") String direction,
      @RequestParam(defaultValue = "") String protocol,
      @RequestParam(defaultValue = "") String fromPort,
      @RequestParam(defaultValue = "") String toPort,
      @RequestParam(defaultValue = "") String cidr) {
    // A firewall's rules need the firewall's manage right, as in the API.
    reads.requireOwned(access, "firewall", "firewall", id, "manage");
    // The Dispatcher's own check, run here first against the firewall's cloud, so a rule the
    // cloud would refuse comes back as the form with the reason beside its field.
    Refusals typed = new Refusals();
    Integer from =
        FormAgain.number(
            fromPort, "fromPort", "From port must be a number from 1 to 65535.", typed);
    Integer to =
        FormAgain.number(toPort, "toPort", "To port must be a number from 1 to 65535.", typed);
    FirewallRuleCheck.Result checked =
        FirewallRuleCheck.check(cloudOf(access, id), direction, protocol, from, to, cidr);
    checked.refusals().byField().forEach(typed::add);
    if (!typed.isEmpty()) {
      FormAgain.prepare(
          model,
          response,
          typed,
          Map.of(
              "direction", direction,
              "protocol", protocol,
              "fromPort", fromPort,
              "toPort", toPort,
              "cidr", cidr));
      return show(access, id, model);
    }
    FirewallRuleCheck.Rule rule = checked.rule();
    Map<String, Object> body = new HashMap<>();
    body.put("direction", rule.direction());
    body.put("protocol", rule.protocol());
    body.put("fromPort", rule.protocol().equals("ICMP") ? null : rule.fromPort());
    body.put("toPort", rule.protocol().equals("ICMP") ? null : rule.toPort());
    body.put("cidr", rule.cidr());
    DispatcherClient.Ticket ticket =
        dispatcher.act(Session.actor(access, request), "POST", "/firewalls/" + id + "/rules", body);
    return "redirect:/jobs/" + ticket.jobId();
  }

  /** The capabilities of the firewall's account, or null while it is not active. */
  private CapabilitySnapshot cloudOf(Access access, long firewall) {
    Map<String, Object> params = Reads.params(access);
    params.put("id", firewall);
    long account =
        AccountCapabilities.id(
            reads
                .one(
                    "SELECT cloud_account_id FROM firewall WHERE id = :id AND customer_id = :customer",
                    params,
                    "firewall",
                    firewall)
                .get("cloud_account_id"));
    return Capabilities.of(reads, access.customerId(), account).orElse(null);
  }

  @PostMapping("/firewalls/{id}/rules/{rule}/revoke")
  String revoke(
      Access access, HttpServletRequest request, @PathVariable long id, @PathVariable long rule) {
    reads.requireOwned(access, "firewall", "firewall", id, "manage");
    Map<String, Object> params = Reads.params(access);
    params.put("id", id);
    params.put("rule", rule);
    reads.one(
        "SELECT id FROM firewall_rule WHERE id = :rule AND firewall_id = :id"
            + " AND customer_id = :customer",
        params,
        "rule",
        rule);
    DispatcherClient.Ticket ticket =
        dispatcher.act(
            Session.actor(access, request), "DELETE", "/firewalls/" + id + "/rules/" + rule, null);
    return "redirect:/jobs/" + ticket.jobId();
  }

  @PostMapping("/firewalls/{id}/remove")
  String remove(Access access, HttpServletRequest request, @PathVariable long id) {
    reads.requireOwned(access, "firewall", "firewall", id, "remove");
    DispatcherClient.Ticket ticket =
        dispatcher.act(Session.actor(access, request), "DELETE", "/firewalls/" + id, null);
    return "redirect:/jobs/" + ticket.jobId();
  }
}
