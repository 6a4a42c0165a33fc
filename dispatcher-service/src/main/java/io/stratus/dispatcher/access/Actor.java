package io.stratus.dispatcher.access;

import io.stratus.common.access.Access;

/**
 * Who acts in a Dispatcher call: the calling component (from its certificate), the customer and the
 * user it acts for (from the {@code X-Stratus-Customer} and {@code X-Stratus-User} headers, checked
 * against the database), and the address the call came from.
 *
 * @param userId null only for a worker acting for the platform
 * @param access the user's rights, already checked for the route ({@link Requires}); null when no
 *     user acts
 */
public record Actor(
    String component,
    long customerId,
    Long userId,
    String userEmail,
    String address,
    Access access) {

  /** An actor whose rights are not needed (an agent, the platform). */
  public Actor(String component, long customerId, Long userId, String userEmail, String address) {
    this(component, customerId, userId, userEmail, address, null);
  }

  /** How the audit log names the actor. */
  public String auditName() {
    return (userEmail != null ? userEmail : "platform") + " via " + component;
  }
}
