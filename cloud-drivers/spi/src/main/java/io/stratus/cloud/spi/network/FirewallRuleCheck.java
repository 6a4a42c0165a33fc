package io.stratus.cloud.spi.network;

import io.stratus.cloud.spi.CapabilitySnapshot;
import io.stratus.cloud.spi.Refusals;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A firewall rule as a cloud will take it, checked before it is sent: direction and protocol, ports
 * 1..65535 (from ≤ to) for TCP and UDP and none for ICMP, a source network written as an address
 * and a prefix length, and IPv6 only where the cloud's firewalls take it. The console's rule form
 * and the Dispatcher run this one check.
 */
public final class FirewallRuleCheck {
  /** The protocols a rule may name. */
  public static final List<String> PROTOCOLS = List.of("TCP", "UDP", "ICMP");

  /** The directions a rule may name. */
  public static final List<String> DIRECTIONS = List.of("INGRESS", "EGRESS");

  private static final Pattern IPV4 =
      Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})");
  private static final Pattern IPV6 = Pattern.compile("([0-9A-Fa-f:.]{2,45})/(\\d{1,3})");

  /**
   * The rule as checked: upper-case direction and protocol, ports (both -1 for ICMP, the SPI's "no
   * ports"), the network stripped.
   */
  public record Rule(String direction, String protocol, int fromPort, int toPort, String cidr) {}

  /** The rule, meaningful only when {@code refusals} is empty. */
  public record Result(Rule rule, Refusals refusals) {}

  private FirewallRuleCheck() {}

  /**
   * Checks a rule against what every cloud refuses and what this one's firewalls take.
   *
   * @param direction null for INGRESS
   * @param toPort null for the same as {@code fromPort}
   */
  public static Result check(
      CapabilitySnapshot can,
      String direction,
      String protocol,
      Integer fromPort,
      Integer toPort,
      String cidr) {
    Refusals refusals = new Refusals();
    String dir = direction == null ? "INGRESS" : direction.strip().toUpperCase(Locale.ROOT);
    if (!DIRECTIONS.contains(dir)) {
      refusals.add("direction", "Direction must be INGRESS (in) or EGRESS (out).");
    }
    String proto = protocol == null ? "" : protocol.strip().toUpperCase(Locale.ROOT);
    int from = -1;
    int to = -1;
    if (!PROTOCOLS.contains(proto)) {
      refusals.add("protocol", "Protocol must be one of TCP, UDP or ICMP.");
    } else if (proto.equals("ICMP")) {
      if (fromPort != null || toPort != null) {
        refusals.add("fromPort", "ICMP has no ports: leave the ports empty.");
      }
    } else if (fromPort == null) {
      refusals.add("fromPort", "From port is needed for a " + proto + " rule (1 to 65535).");
    } else {
      from = fromPort;
      to = toPort == null ? from : toPort;
      if (from < 1 || from > 65535) {
        refusals.add("fromPort", "From port must be a number from 1 to 65535.");
      } else if (to < 1 || to > 65535) {
        refusals.add("toPort", "To port must be a number from 1 to 65535.");
      } else if (to < from) {
        refusals.add("toPort", "To port must not be below the from port (" + from + ").");
      }
    }
    String network = cidr == null ? "" : cidr.strip();
    String problem = network(network, can != null && can.firewallIpv6());
    if (problem != null) {
      refusals.add("cidr", problem);
    }
    return new Result(new Rule(dir, proto, from, to, network), refusals);
  }

  /** Why a source network is refused, or null. */
  private static String network(String cidr, boolean ipv6) {
    String syntax =
        "Source network must be an address and a prefix length, such as 203.0.113.0/24"
            + (ipv6 ? " or 2001:db8::/32." : ".");
    Matcher v4 = IPV4.matcher(cidr);
    if (v4.matches()) {
      for (int i = 1; i <= 4; i++) {
        if (Integer.parseInt(v4.group(i)) > 255) {
          return syntax;
        }
      }
      return Integer.parseInt(v4.group(5)) <= 32 ? null : syntax;
    }
    Matcher v6 = IPV6.matcher(cidr);
    if (!v6.matches() || !cidr.contains(":") || !isIpv6(v6.group(1))) {
      return syntax;
    }
    if (!ipv6) {
      return "This cloud's firewalls take IPv4 networks only, such as 203.0.113.0/24.";
    }
    return Integer.parseInt(v6.group(2)) <= 128 ? null : syntax;
  }

  /** Whether the text is an IPv6 address literal (parsed, never looked up: it holds a colon). */
  private static boolean isIpv6(String address) {
    try {
      return java.net.InetAddress.getByName(address) instanceof java.net.Inet6Address;
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }
}
