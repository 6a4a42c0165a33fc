package io.stratus.worker.subscriber.cache;

import io.stratus.cloud.spi.CloudProvider;
import io.stratus.cloud.spi.network.IpAddress;
import io.stratus.cloud.spi.network.IpAddressState;
import io.stratus.common.cache.CacheWork;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Static IP addresses, with the server each is assigned to (by the machine's cloud id). */
public final class IpAddressKind implements CachedKind<IpAddress> {
  private static final RegionTable TABLE =
      new RegionTable("ip_address", "provider_ip_id", "state", "released");

  @Override
  public String resource() {
    return "ip";
  }

  @Override
  public Optional<Listing<IpAddress>> listing(
      CloudProvider provider, CacheWork work, String region) {
    return provider.network().flatMap(n -> n.ipAddresses()).map(ips -> Listing.whole(ips::list));
  }

  @Override
  public String providerId(IpAddress ip) {
    return ip.id();
  }

  @Override
  public List<Object> values(IpAddress ip) {
    return Arrays.asList(state(ip), ip.address(), ip.vmId());
  }

  @Override
  public String goneState() {
    return TABLE.goneState();
  }

  @Override
  public boolean goneInCloud(IpAddress ip) {
    return ip.state() == IpAddressState.RELEASED;
  }

  @Override
  public String knownSql() {
    return """
        SELECT i.id, i.provider_ip_id, i.state = 'released' AS gone,
               i.state, i.address, s.provider_server_id
          FROM ip_address i LEFT JOIN server s ON s.id = i.server_id
         WHERE i.region_id = :region AND i.provider_ip_id IS NOT NULL
        """;
  }

  @Override
  public String pendingSql() {
    return TABLE.pendingSql();
  }

  @Override
  public String insertSql() {
    return """
        INSERT INTO ip_address (customer_id, cloud_account_id, region_id, provider_ip_id,
                                state, address, server_id)
        VALUES (?, ?, ?, ?, ?, ?, ?)
        """;
  }

  @Override
  public Object[] insertRow(CacheWork work, IpAddress ip, RegionIds ids) {
    return new Object[] {
      work.customerId(),
      work.cloudAccountId(),
      work.regionId(),
      ip.id(),
      state(ip),
      ip.address(),
      ids.of("server", "provider_server_id", ip.vmId())
    };
  }

  @Override
  public String updateSql() {
    return """
        UPDATE ip_address i SET i.state = ?, i.address = ?,
               i.server_id = (SELECT s.id FROM server s
                               WHERE s.region_id = i.region_id AND s.provider_server_id = ?),
               i.state_reason = ?
         WHERE i.id = ?
        """;
  }

  @Override
  public Object[] updateRow(long id, IpAddress ip) {
    return new Object[] {
      state(ip),
      ip.address(),
      ip.vmId(),
      ip.state() == IpAddressState.RELEASED ? "released in the cloud" : null,
      id
    };
  }

  @Override
  public String goneSql() {
    return "UPDATE ip_address SET state = 'released', state_reason = ?, server_id = NULL"
        + " WHERE id = ?";
  }

  @Override
  public String idsSql() {
    return TABLE.idsSql();
  }

  private static String state(IpAddress ip) {
    return ip.state().name().toLowerCase(Locale.ROOT);
  }
}
