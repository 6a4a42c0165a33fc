package io.stratus.worker.subscriber.cache;

import io.stratus.cloud.spi.CloudProvider;
import io.stratus.cloud.spi.network.Firewall;
import io.stratus.common.cache.CacheWork;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Firewalls (security groups); their rules are a kind of their own, {@link FirewallRuleKind}. */
public final class FirewallKind implements CachedKind<Firewall> {
  private static final RegionTable TABLE =
      new RegionTable("firewall", "provider_firewall_id", "state", "deleted");

  @Override
  public String resource() {
    return "firewall";
  }

  @Override
  public Optional<Listing<Firewall>> listing(
      CloudProvider provider, CacheWork work, String region) {
    return provider.network().flatMap(n -> n.firewalls()).map(f -> Listing.whole(f::list));
  }

  @Override
  public String providerId(Firewall firewall) {
    return firewall.id();
  }

  @Override
  public List<Object> values(Firewall f) {
    return Arrays.asList("active", f.name(), f.description());
  }

  @Override
  public String goneState() {
    return TABLE.goneState();
  }

  @Override
  public String knownSql() {
    return """
        SELECT id, provider_firewall_id, state = 'deleted' AS gone, state, name, description
          FROM firewall WHERE region_id = :region AND provider_firewall_id IS NOT NULL
        """;
  }

  @Override
  public String pendingSql() {
    return TABLE.pendingSql();
  }

  @Override
  public String insertSql() {
    return """
        INSERT INTO firewall (customer_id, cloud_account_id, region_id, provider_firewall_id,
                              state, name, description)
        VALUES (?, ?, ?, ?, 'active', ?, ?)
        """;
  }

  @Override
  public Object[] insertRow(CacheWork work, Firewall f, RegionIds ids) {
    return new Object[] {
      work.customerId(), work.cloudAccountId(), work.regionId(), f.id(), f.name(), f.description()
    };
  }

  @Override
  public String updateSql() {
    return """
        UPDATE firewall SET state = 'active', state_reason = NULL, name = ?, description = ?
         WHERE id = ?
        """;
  }

  @Override
  public Object[] updateRow(long id, Firewall f) {
    return new Object[] {f.name(), f.description(), id};
  }

  @Override
  public String goneSql() {
    return TABLE.goneSql();
  }

  @Override
  public String idsSql() {
    return TABLE.idsSql();
  }
}
