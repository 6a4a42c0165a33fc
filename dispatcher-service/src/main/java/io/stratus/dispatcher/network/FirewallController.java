package io.stratus.dispatcher.network;

import io.stratus.cloud.spi.CapabilitySnapshot;
import io.stratus.common.job.Action;
import io.stratus.dispatcher.access.Actor;
import io.stratus.dispatcher.access.Requires;
import io.stratus.dispatcher.action.ActionController;
import io.stratus.dispatcher.action.ActionDispatcher;
import io.stratus.dispatcher.action.JobTicket;
import io.stratus.dispatcher.action.Resources;
import io.stratus.dispatcher.action.Resources.Placement;
import io.stratus.dispatcher.web.Checks;
import io.stratus.dispatcher.web.DispatchException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Firewalls and their rules: create, authorize a rule, revoke a rule, remove. */
@RestController
@RequestMapping("/firewalls")
public class FirewallController extends ActionController {
  /** A new firewall. */
  public record CreateFirewall(Long regionId, String name, String description) {}

  /** A rule to authorize: direction INGRESS or EGRESS, protocol TCP, UDP or ICMP, ports, CIDR. */
  public record AuthorizeRule(
      String direction, String protocol, Integer fromPort, Integer toPort, String cidr) {}

  private static final Pattern CIDR =
      Pattern.compile("((\\d{1,3}\\.){3}\\d{1,3}/\\d{1,2})|([0-9a-fA-F:]+/\\d{1,3})");

  public FirewallController(Resources resources, ActionDispatcher dispatcher) {
    super(resources, dispatcher);
  }

  @Requires(resource = "firewall", action = "create")
  @PostMapping
  @ResponseStatus(HttpStatus.ACCEPTED)
  public JobTicket create(Actor actor, @RequestBody CreateFirewall request) {
    long customer = actor.customerId();
    Placement at =
        placement(
            actor,
            request.regionId(),
            CapabilitySnapshot::firewalls,
            "this cloud has no firewalls");
    String name = Checks.name(request.name(), "name");
    return dispatcher.dispatch(
        actor,
        Action.FIREWALL_CREATE,
        () ->
            resources.insert(
                """
                INSERT INTO firewall (customer_id, cloud_account_id, region_id, name,
                                      description, state, owner_user_id)
                VALUES (?, ?, ?, ?, ?, 'pending', ?)
                """,
                customer,
                at.accountId(),
                at.regionId(),
                name,
                request.description(),
                actor.userId()),
        ActionDispatcher.payload());
  }

  @Requires(resource = "firewall", action = "manage", owned = true)
  @PostMapping("/{id}/rules")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public JobTicket authorize(Actor actor, @PathVariable long id, @RequestBody AuthorizeRule rule) {
    resources.actionable("firewall", actor.customerId(), id, "changed", "active");
    String direction =
        oneOf(
            rule.direction() == null ? "INGRESS" : rule.direction(),
            "direction",
            Set.of("INGRESS", "EGRESS"));
    String protocol = oneOf(rule.protocol(), "protocol", Set.of("TCP", "UDP", "ICMP"));
    int from = rule.fromPort() == null ? 0 : rule.fromPort();
    int to = rule.toPort() == null ? from : rule.toPort();
    if (from < 0 || to > 65535 || from > to) {
      throw DispatchException.badRequest("ports must satisfy 0 <= fromPort <= toPort <= 65535");
    }
    if (rule.cidr() == null || !CIDR.matcher(rule.cidr()).matches()) {
      throw DispatchException.badRequest("cidr must be a network such as 203.0.113.0/24");
    }
    return dispatcher.dispatch(
        actor,
        Action.FIREWALL_AUTHORIZE,
        id,
        ActionDispatcher.payload()
            .put("direction", direction)
            .put("protocol", protocol)
            .put("fromPort", from)
            .put("toPort", to)
            .put("cidr", rule.cidr()));
  }

  @Requires(resource = "firewall", action = "manage", owned = true)
  @DeleteMapping("/{id}/rules/{ruleId}")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public JobTicket revoke(Actor actor, @PathVariable long id, @PathVariable long ruleId) {
    resources.actionable("firewall", actor.customerId(), id, "changed", "active");
    Map<String, Object> rule = resources.owned("firewall_rule", actor.customerId(), ruleId);
    if (Resources.id(rule, "firewall_id") != id) {
      throw DispatchException.notFound("rule", ruleId);
    }
    return dispatcher.dispatch(
        actor, Action.FIREWALL_REVOKE, id, ActionDispatcher.payload().put("ruleId", ruleId));
  }

  @Requires(resource = "firewall", action = "remove", owned = true)
  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public JobTicket remove(Actor actor, @PathVariable long id) {
    return actOn(actor, Action.FIREWALL_REMOVE, id, "removed", "active");
  }

  private static String oneOf(String value, String field, Set<String> allowed) {
    String upper = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
    if (!allowed.contains(upper)) {
      throw DispatchException.badRequest(
          field + " must be one of " + allowed.stream().sorted().toList());
    }
    return upper;
  }
}
