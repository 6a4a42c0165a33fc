package io.stratus.dispatcher.access;

/**
 * Who acts in a Dispatcher call: the calling component (from its certificate), the customer and the
 * user it acts for (from the {@code X-Stratus-Customer} and {@code X-Stratus-User} headers, checked
 * against the database), and the address the call came from.
 *
 * @param userId null only for a worker acting for the platform
 */
public record Actor(
    String component, long customerId, Long userId, String userEmail, String address) {

  /** How the audit log names the actor. */
  public String auditName() {
    return (userEmail != null ? userEmail : "platform") + " via " + component;
  }
}
