package io.stratus.common.resource.kinds;

import io.stratus.common.resource.Filter;
import io.stratus.common.resource.Ownership;
import io.stratus.common.resource.ResourceKind;

/** The kinds of enStratus' {@code network} family. */
public final class Network {
  private Network() {}

  private static final String FAMILY = "network";

  public static final ResourceKind FIREWALL =
      ResourceKind.builder("Firewall", FAMILY, "firewalls")
          .table("firewall", "x")
          .ownership(Ownership.USER)
          .id("firewallId")
          .cloudId("providerId", "provider_firewall_id")
          .string("name", "x.name")
          .label("Name")
          .string("description", "x.description")
          .label("Description")
          .upper("status", "x.state")
          .label("State")
          .ref("region", "regionId", "x.region_id", "Region")
          .consoleName("r.name", "JOIN region r ON r.id = x.region_id")
          .label("Region")
          .ref("owningAccount", "accountId", "x.cloud_account_id", "Account")
          .consoleName("a.name", "JOIN cloud_account a ON a.id = x.cloud_account_id")
          .label("Account")
          .ref("owningUser", "userId", "x.owner_user_id", "User")
          .customer()
          .time("creationTimestamp", "x.created_at")
          .filter("regionId", "region", "x.region_id", Filter.Type.ID, "Region")
          .filter("accountId", "account", "x.cloud_account_id", Filter.Type.ID, "Account")
          .filter("name", "name", "x.name", Filter.Type.TEXT, "Name")
          .sort("name", "x.name", "Name")
          .ended("state", "deleted")
          .build();

  /** A firewall's rules: read with the right to read firewalls, owned as their firewall is. */
  public static final ResourceKind FIREWALL_RULE =
      ResourceKind.builder("FirewallRule", FAMILY, "rules")
          .table("firewall_rule", "r")
          .right("firewall")
          .what("firewall rule")
          .join("JOIN firewall f ON f.id = r.firewall_id")
          .ownership(Ownership.USER, "f")
          .id("firewallRuleId")
          .cloudId("providerId", "provider_rule_id")
          .ref("firewall", "firewallId", "r.firewall_id", "Firewall")
          .consoleName("f.name", null)
          .label("Firewall")
          .string("direction", "r.direction")
          .label("Direction")
          .string("permission", "r.permission")
          .label("Permission")
          .string("protocol", "r.protocol")
          .label("Protocol")
          .number("startPort", "r.from_port")
          .label("From port")
          .number("endPort", "r.to_port")
          .label("To port")
          .string("sourceCidr", "r.source_cidr")
          .label("Source")
          // The endpoints as Dasein writes them: an ingress rule goes from its CIDR to the
          // firewall itself (GLOBAL, the firewall's cloud id), an egress rule the other way.
          .string("sourceType", "CASE r.direction WHEN 'EGRESS' THEN 'GLOBAL' ELSE 'CIDR' END")
          .string(
              "source",
              "CASE r.direction WHEN 'EGRESS' THEN f.provider_firewall_id ELSE r.source_cidr END")
          .nullWhenAbsent()
          .string("destinationType", "CASE r.direction WHEN 'EGRESS' THEN 'CIDR' ELSE 'GLOBAL' END")
          .string(
              "destination",
              "CASE r.direction WHEN 'EGRESS' THEN r.source_cidr ELSE f.provider_firewall_id END")
          .nullWhenAbsent()
          // Stratus' rules are not ordered (each allows): 0, as Dasein gives unordered rules
          .integer("precedence", "0")
          .customer()
          .time("creationTimestamp", "r.created_at")
          .filter("firewallId", "firewall", "r.firewall_id", Filter.Type.ID, "Firewall")
          .ended("state", "deleted")
          .build();

  public static final ResourceKind IP_ADDRESS =
      ResourceKind.builder("IpAddress", FAMILY, "ipAddresses")
          .table("ip_address", "x")
          .what("IP address")
          .ownership(Ownership.USER)
          .id("ipAddressId")
          .cloudId("providerId", "provider_ip_id")
          .string("address", "x.address")
          .label("Address")
          .string("version", "x.ip_version")
          .label("Version")
          .upper("status", "x.state")
          .label("State")
          .ref("server", "serverId", "x.server_id", "Server")
          .consoleName("s.name", "LEFT JOIN server s ON s.id = x.server_id")
          .label("Assigned to")
          .ref("region", "regionId", "x.region_id", "Region")
          .consoleName("rg.name", "JOIN region rg ON rg.id = x.region_id")
          .label("Region")
          .ref("owningAccount", "accountId", "x.cloud_account_id", "Account")
          .consoleName("a.name", "JOIN cloud_account a ON a.id = x.cloud_account_id")
          .label("Account")
          .ref("owningUser", "userId", "x.owner_user_id", "User")
          .customer()
          .time("creationTimestamp", "x.created_at")
          .filter("regionId", "region", "x.region_id", Filter.Type.ID, "Region")
          .filter("accountId", "account", "x.cloud_account_id", Filter.Type.ID, "Account")
          .filter("serverId", null, "x.server_id", Filter.Type.ID, "Server")
          .sort("address", "x.address", "Address")
          .ended("state", "released")
          .build();
}
