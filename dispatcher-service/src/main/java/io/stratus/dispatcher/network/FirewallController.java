package io.stratus.dispatcher.network;

import io.stratus.cloud.spi.CapabilitySnapshot;
import io.stratus.cloud.spi.network.FirewallRuleCheck;
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
import java.util.Map;
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

  /**
   * A rule to authorize: direction INGRESS or EGRESS, protocol TCP, UDP or ICMP, ports (none for
   * ICMP), CIDR; checked by {@link FirewallRuleCheck}, as the console's form is.
   */
  public record AuthorizeRule(
      String direction, String protocol, Integer fromPort, Integer toPort, String cidr) {}

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
    var firewall = resources.actionable("firewall", actor.customerId(), id, "changed", "active");
    FirewallRuleCheck.Result checked =
        FirewallRuleCheck.check(
            firewall.can(),
            rule.direction(),
            rule.protocol(),
            rule.fromPort(),
            rule.toPort(),
            rule.cidr());
    if (!checked.refusals().isEmpty()) {
      throw DispatchException.badRequest(checked.refusals().first());
    }
    FirewallRuleCheck.Rule ok = checked.rule();
    return dispatcher.dispatch(
        actor,
        Action.FIREWALL_AUTHORIZE,
        id,
        ActionDispatcher.payload()
            .put("direction", ok.direction())
            .put("protocol", ok.protocol())
            .put("fromPort", ok.fromPort())
            .put("toPort", ok.toPort())
            .put("cidr", ok.cidr()));
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
}
