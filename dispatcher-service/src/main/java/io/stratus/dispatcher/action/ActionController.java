package io.stratus.dispatcher.action;

import io.stratus.cloud.spi.CapabilitySnapshot;
import io.stratus.common.job.Action;
import io.stratus.dispatcher.access.Actor;
import io.stratus.dispatcher.action.Resources.Placement;
import io.stratus.dispatcher.web.DispatchException;
import java.util.function.Predicate;

/**
 * What every action controller starts from: the customer's {@link Resources} it checks an action
 * against, and the {@link ActionDispatcher} that turns the checked action into a job. The two
 * helpers are the checks most actions share; an action that needs more checks does them itself.
 */
public abstract class ActionController {
  protected final Resources resources;
  protected final ActionDispatcher dispatcher;

  protected ActionController(Resources resources, ActionDispatcher dispatcher) {
    this.resources = resources;
    this.dispatcher = dispatcher;
  }

  /**
   * Where a new resource goes: the customer's region {@code regionId}, on an active account whose
   * cloud {@code offers} the kind.
   *
   * @param missing the 501 message when the cloud does not offer it
   * @throws DispatchException 400 without a region, 404, 409 for an inactive account, 501
   */
  protected Placement placement(
      Actor actor, Long regionId, Predicate<CapabilitySnapshot> offers, String missing) {
    Placement at = resources.region(actor.customerId(), regionId);
    requireOffered(offers.test(at.can()), missing);
    return at;
  }

  /**
   * @throws DispatchException 501 with {@code missing} when the cloud does not offer what the
   *     action needs
   */
  protected static void requireOffered(boolean offered, String missing) {
    if (!offered) {
      throw DispatchException.unsupported(missing);
    }
  }

  /**
   * Dispatches {@code action}, which takes no parameters, on the customer's resource {@code id} (of
   * the action's resource type) once it is {@linkplain Resources#actionable actionable} in one of
   * {@code allowedStates}.
   */
  protected JobTicket actOn(
      Actor actor, Action action, long id, String verb, String... allowedStates) {
    resources.actionable(action.resourceType(), actor.customerId(), id, verb, allowedStates);
    return dispatcher.dispatch(actor, action, id, ActionDispatcher.payload());
  }
}
