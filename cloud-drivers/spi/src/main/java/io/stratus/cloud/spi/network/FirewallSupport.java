package io.stratus.cloud.spi.network;

import java.util.List;
import java.util.Optional;

/** Firewalls and their rules in one region. */
public interface FirewallSupport {
  /** What the cloud's firewalls accept, so console and Dispatcher can refuse a rule first. */
  FirewallCapabilities capabilities();

  Firewall create(String name, String description);

  /**
   * Adds a rule.
   *
   * @throws io.stratus.cloud.spi.CloudException INVALID_REQUEST for ports outside 1..65535, a from
   *     port above the to port, or a malformed CIDR
   */
  FirewallRule authorize(
      String firewallId,
      Direction direction,
      Protocol protocol,
      int fromPort,
      int toPort,
      String cidr);

  void revoke(String firewallId, String ruleId);

  List<FirewallRule> listRules(String firewallId);

  /**
   * Every rule of every firewall in the region, each naming its firewall. By default one {@link
   * #listRules} per firewall; a driver whose cloud lists every rule in one call (Neutron's {@code
   * GET /v2.0/security-group-rules}, the local cloud's {@code /firewall-rules}) overrides it.
   */
  default List<FirewallRule> listAllRules() {
    List<FirewallRule> rules = new java.util.ArrayList<>();
    for (Firewall firewall : list()) {
      rules.addAll(listRules(firewall.id()));
    }
    return rules;
  }

  List<Firewall> list();

  Optional<Firewall> get(String firewallId);

  void remove(String firewallId);
}
