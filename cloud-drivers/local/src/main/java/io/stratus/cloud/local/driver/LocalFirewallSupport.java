package io.stratus.cloud.local.driver;

import io.stratus.cloud.spi.network.Direction;
import io.stratus.cloud.spi.network.Firewall;
import io.stratus.cloud.spi.network.FirewallCapabilities;
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
  private final RegionCollection<Firewall> firewalls;
  private final String region;

  LocalFirewallSupport(LocalApiClient api, String region) {
    this.api = api;
    this.region = region;
    this.firewalls = new RegionCollection<>(api, region, "firewalls", Json::firewall);
  }

  @Override
  public FirewallCapabilities capabilities() {
    // The daemon takes IPv4 networks only (NetworkService.validCidr).
    return new FirewallCapabilities(false);
  }

  @Override
  public Firewall create(String name, String description) {
    Map<String, Object> body = new HashMap<>();
    body.put("name", name);
    body.put("description", description);
    return firewalls.create(body);
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
    return Json.rule(api.post(firewalls.path(firewallId) + "/rules", body));
  }

  @Override
  public void revoke(String firewallId, String ruleId) {
    api.delete(firewalls.path(firewallId) + "/rules/" + LocalVirtualMachineSupport.encode(ruleId));
  }

  @Override
  public List<FirewallRule> listRules(String firewallId) {
    return Json.items(api.get(firewalls.path(firewallId) + "/rules"), Json::rule);
  }

  /** One call: {@code GET /regions/<r>/firewall-rules}. */
  @Override
  public List<FirewallRule> listAllRules() {
    return Json.items(api.get(region + "/firewall-rules"), Json::rule);
  }

  @Override
  public List<Firewall> list() {
    return firewalls.list();
  }

  @Override
  public Optional<Firewall> get(String firewallId) {
    return firewalls.get(firewallId);
  }

  @Override
  public void remove(String firewallId) {
    firewalls.delete(firewallId);
  }
}
