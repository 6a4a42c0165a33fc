package io.stratus.cloud.local.driver;

import io.stratus.cloud.spi.network.Direction;
import io.stratus.cloud.spi.network.Firewall;
import io.stratus.cloud.spi.network.FirewallRule;
import io.stratus.cloud.spi.network.FirewallSupport;
import io.stratus.cloud.spi.network.Protocol;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Firewalls of one local-cloud region (rules recorded, not enforced on loopback). */
final class LocalFirewallSupport implements FirewallSupport {
  private final LocalApiClient api;
  private final String base;

  LocalFirewallSupport(LocalApiClient api, String region) {
    this.api = api;
    this.base = region + "/firewalls";
  }

  @Override
  public Firewall create(String name, String description) {
    Map<String, Object> body = new HashMap<>();
    body.put("name", name);
    body.put("description", description);
    return Json.firewall(api.post(base, body));
  }

  @Override
  public FirewallRule authorize(
      String firewallId,
      Direction direction,
      Protocol protocol,
      int fromPort,
      int toPort,
      String cidr) {
    Map<String, Object> body = new HashMap<>();
    body.put("direction", direction.name());
    body.put("protocol", protocol.name());
    body.put("fromPort", fromPort);
    body.put("toPort", toPort);
    body.put("cidr", cidr);
    return Json.rule(api.post(path(firewallId) + "/rules", body));
  }

  @Override
  public void revoke(String firewallId, String ruleId) {
    api.delete(path(firewallId) + "/rules/" + LocalVirtualMachineSupport.encode(ruleId));
  }

  @Override
  public List<FirewallRule> listRules(String firewallId) {
    return Json.items(api.get(path(firewallId) + "/rules"), Json::rule);
  }

  @Override
  public List<Firewall> list() {
    return Json.items(api.get(base), Json::firewall);
  }

  @Override
  public Optional<Firewall> get(String firewallId) {
    return api.find(path(firewallId)).map(Json::firewall);
  }

  @Override
  public void remove(String firewallId) {
    api.delete(path(firewallId));
  }

  private String path(String firewallId) {
    return base + "/" + LocalVirtualMachineSupport.encode(firewallId);
  }
}
