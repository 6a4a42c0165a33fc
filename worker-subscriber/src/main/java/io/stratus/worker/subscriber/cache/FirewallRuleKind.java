package io.stratus.worker.subscriber.cache;

import io.stratus.cloud.spi.CloudProvider;
import io.stratus.cloud.spi.network.FirewallRule;
import io.stratus.cloud.spi.network.FirewallSupport;
import io.stratus.common.cache.CacheWork;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
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
public final class FirewallRuleKind implements CachedKind<FirewallRule> {
  private final JdbcClient jdbc;

  public FirewallRuleKind(DataSource primary) {
    this.jdbc = JdbcClient.create(primary);
  }

  @Override
  public String resource() {
    return "firewall-rule";
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

  @Override
  public String providerId(FirewallRule rule) {
    return rule.id();
  }

  @Override
  public List<Object> values(FirewallRule r) {
    return Arrays.asList("active", r.direction(), r.protocol(), r.fromPort(), r.toPort(), r.cidr());
  }

  @Override
  public String goneState() {
    return "deleted";
  }

  @Override
  public String knownSql() {
    return """
        SELECT r.id, r.provider_rule_id, r.state = 'deleted' AS gone,
               r.state, r.direction, r.protocol, r.from_port, r.to_port, r.source_cidr
          FROM firewall_rule r JOIN firewall f ON f.id = r.firewall_id
         WHERE f.region_id = :region AND r.provider_rule_id IS NOT NULL
        """;
  }

  @Override
  public String insertSql() {
    return """
        INSERT INTO firewall_rule (customer_id, firewall_id, provider_rule_id, state,
                                   direction, protocol, from_port, to_port, source_cidr)
        VALUES (?, ?, ?, 'active', ?, ?, ?, ?, ?)
        """;
  }

  @Override
  public Object[] insertRow(CacheWork work, FirewallRule r, RegionIds ids) {
    return new Object[] {
      work.customerId(),
      ids.of("firewall", "provider_firewall_id", r.firewallId()),
      r.id(),
      r.direction().name(),
      r.protocol().name(),
      r.fromPort(),
      r.toPort(),
      r.cidr()
    };
  }

  @Override
  public String updateSql() {
    return """
        UPDATE firewall_rule SET state = 'active', state_reason = NULL, direction = ?,
               protocol = ?, from_port = ?, to_port = ?, source_cidr = ?
         WHERE id = ?
        """;
  }

  @Override
  public Object[] updateRow(long id, FirewallRule r) {
    return new Object[] {
      r.direction().name(), r.protocol().name(), r.fromPort(), r.toPort(), r.cidr(), id
    };
  }

  @Override
  public String goneSql() {
    return "UPDATE firewall_rule SET state = 'deleted', state_reason = ? WHERE id = ?";
  }

  @Override
  public String idsSql() {
    return """
        SELECT r.id, r.provider_rule_id FROM firewall_rule r JOIN firewall f ON f.id = r.firewall_id
         WHERE f.region_id = :region AND r.provider_rule_id IN (:ids)
        """;
  }
}
