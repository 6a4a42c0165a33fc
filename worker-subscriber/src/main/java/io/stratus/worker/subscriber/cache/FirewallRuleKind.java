package io.stratus.worker.subscriber.cache;

import io.stratus.cloud.spi.CloudProvider;
import io.stratus.cloud.spi.network.FirewallRule;
import io.stratus.cloud.spi.network.FirewallSupport;
import io.stratus.common.cache.CacheWork;
import io.stratus.common.resource.kinds.Network;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The rules of the region's firewalls, listed in one call where the driver can ({@link
 * FirewallSupport#listAllRules()}). Only the rules of firewalls Stratus knows are kept (the
 * firewalls kind adds the others, whose rules follow on the next refresh); a rule whose firewall is
 * gone from the cloud is gone with it.
 */
public final class FirewallRuleKind extends TableKind<FirewallRule> {
  private final JdbcClient jdbc;

  public FirewallRuleKind(DataSource primary) {
    super(
        "firewall-rule",
        FirewallRule::id,
        KindTable.<FirewallRule>of(Network.FIREWALL_RULE)
            .state(r -> "active")
            .column("direction", r -> r.direction().name())
            .column("protocol", r -> r.protocol().name())
            .column("from_port", FirewallRule::fromPort)
            .column("to_port", FirewallRule::toPort)
            .column("source_cidr", FirewallRule::cidr)
            .insertedReference("firewall_id", Network.FIREWALL, FirewallRule::firewallId)
            .belongsTo("firewall_id", Network.FIREWALL)
            .build());
    this.jdbc = JdbcClient.create(primary);
  }

  @Override
  public Optional<Listing<FirewallRule>> listing(
      CloudProvider provider, CacheWork work, String region) {
    return provider
        .network()
        .flatMap(n -> n.firewalls())
        .map(firewalls -> byFirewall(firewalls, work.regionId()));
  }

  /** Every rule of the region in one listing, less those of firewalls Stratus does not know. */
  private Listing<FirewallRule> byFirewall(FirewallSupport firewalls, long regionId) {
    return Listing.whole(
        () -> {
          Set<String> known =
              new HashSet<>(
                  jdbc.sql(
                          """
                          SELECT provider_firewall_id FROM firewall
                           WHERE region_id = ? AND provider_firewall_id IS NOT NULL
                             AND state <> 'deleted'
                          """)
                      .param(regionId)
                      .query(String.class)
                      .list());
          return firewalls.listAllRules().stream()
              .filter(rule -> known.contains(rule.firewallId()))
              .toList();
        });
  }
}
