package io.stratus.cloud.spi.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratus.cloud.spi.CapabilitySnapshot;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FirewallRuleCheckTest {
  static CapabilitySnapshot cloud(boolean ipv6) {
    return new CapabilitySnapshot(
        true,
        false,
        true,
        true,
        64,
        null,
        true,
        true,
        true,
        true,
        1,
        1024,
        true,
        true,
        true,
        true,
        ipv6,
        "[a-z0-9]{1,16}",
        "1 to 16 lower-case letters or digits, such as vdb",
        null);
  }

  private static Map<String, String> refused(
      boolean ipv6, String protocol, Integer from, Integer to, String cidr) {
    return FirewallRuleCheck.check(cloud(ipv6), null, protocol, from, to, cidr)
        .refusals()
        .byField();
  }

  @Test
  void shouldTakeAnIpv4TcpRuleWithOnePortAsARangeOfOne() {
    FirewallRuleCheck.Result r =
        FirewallRuleCheck.check(cloud(false), "ingress", "tcp", 443, null, " 203.0.113.0/24 ");
    assertTrue(r.refusals().isEmpty(), r.refusals().byField().toString());
    assertEquals(
        new FirewallRuleCheck.Rule("INGRESS", "TCP", 443, 443, "203.0.113.0/24"), r.rule());
  }

  @Test
  void shouldRefuseMalformedNetworks() {
    for (String cidr :
        new String[] {
          "",
          "everywhere",
          "300.1.1.1/24",
          "10.0.0.0/33",
          "10.0.0.0",
          "10.0.0/8",
          "::1/129",
          "1:2:3/64",
          "fe80::zz/64",
          "10.0.0.0/8;drop"
        }) {
      Map<String, String> r = refused(true, "TCP", 22, 22, cidr);
      assertTrue(r.containsKey("cidr"), cidr);
    }
    assertTrue(refused(true, "TCP", 22, 22, "2001:db8::/32").isEmpty());
  }

  @Test
  void shouldRefuseIpv6WhereTheCloudsFirewallsTakeNone() {
    assertEquals(
        "This cloud's firewalls take IPv4 networks only, such as 203.0.113.0/24.",
        refused(false, "TCP", 22, 22, "2001:db8::/32").get("cidr"));
  }

  @Test
  void shouldRefusePortsOutsideOneTo65535OrBackwards() {
    assertTrue(refused(false, "TCP", 0, 0, "0.0.0.0/0").containsKey("fromPort"));
    assertTrue(refused(false, "UDP", 1, 65536, "0.0.0.0/0").containsKey("toPort"));
    assertTrue(refused(false, "TCP", 90, 80, "0.0.0.0/0").containsKey("toPort"));
    assertTrue(refused(false, "TCP", null, null, "0.0.0.0/0").containsKey("fromPort"));
    assertTrue(refused(false, "TCP", 1, 65535, "0.0.0.0/0").isEmpty());
  }

  @Test
  void shouldRefuseIcmpWithPortsAndGiveItNone() {
    assertEquals(
        "ICMP has no ports: leave the ports empty.",
        refused(false, "ICMP", 8, null, "0.0.0.0/0").get("fromPort"));
    FirewallRuleCheck.Result r =
        FirewallRuleCheck.check(cloud(false), null, "ICMP", null, null, "0.0.0.0/0");
    assertTrue(r.refusals().isEmpty());
    assertEquals(-1, r.rule().fromPort());
    assertEquals(-1, r.rule().toPort());
  }

  @Test
  void shouldRefuseAnUnknownProtocolOrDirection() {
    assertTrue(refused(false, "ANY", null, null, "0.0.0.0/0").containsKey("protocol"));
    assertTrue(
        FirewallRuleCheck.check(cloud(false), "sideways", "TCP", 22, 22, "0.0.0.0/0")
            .refusals()
            .byField()
            .containsKey("direction"));
  }
}
