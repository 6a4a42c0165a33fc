package io.stratus.api.support;

import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Rows written straight into the main schema for tests that need many servers: an account that is
 * not active (so no cache worker polls it and reconciles them away), a region, and servers.
 */
public final class Inventory {
  private final JdbcClient jdbc;
  private final long customer;
  private final long accountId;
  private final long regionId;

  private Inventory(JdbcClient jdbc, long customer, long accountId, long regionId) {
    this.jdbc = jdbc;
    this.customer = customer;
    this.accountId = accountId;
    this.regionId = regionId;
  }

  /** An inactive account on {@code cloudId} (defined if null) and one region in it. */
  public static Inventory create(JdbcClient jdbc, long customer, String name) {
    Long cloud = jdbc.sql("SELECT MIN(id) FROM cloud").query(Long.class).optional().orElse(null);
    if (cloud == null) {
      jdbc.sql("INSERT INTO cloud (name, provider_name) VALUES ('records', 'local')").update();
      cloud = jdbc.sql("SELECT MIN(id) FROM cloud").query(Long.class).single();
    }
    jdbc.sql(
            "INSERT INTO cloud_account (customer_id, cloud_id, name, status) VALUES (?, ?, ?,"
                + " 'pending')")
        .params(customer, cloud, name)
        .update();
    long account =
        jdbc.sql("SELECT id FROM cloud_account WHERE customer_id = ? AND name = ?")
            .params(customer, name)
            .query(Long.class)
            .single();
    jdbc.sql(
            "INSERT INTO region (customer_id, cloud_account_id, provider_region_id, name)"
                + " VALUES (?, ?, 'records-1', 'records-1')")
        .params(customer, account)
        .update();
    long region =
        jdbc.sql("SELECT id FROM region WHERE cloud_account_id = ?")
            .param(account)
            .query(Long.class)
            .single();
    return new Inventory(jdbc, customer, account, region);
  }

  /** Adds {@code count} running servers owned by the user and group given (either may be null). */
  public void addServers(int count, String prefix, Long ownerUser, Long ownerGroup) {
    int done = 0;
    while (done < count) {
      int batch = Math.min(1000, count - done);
      StringBuilder sql =
          new StringBuilder(
              "INSERT INTO server (customer_id, cloud_account_id, region_id, provider_server_id,"
                  + " name, state, private_ip, owner_user_id, owner_group_id, launched_at) VALUES ");
      List<Object> params = new ArrayList<>();
      for (int i = 0; i < batch; i++) {
        int n = done + i;
        sql.append(i == 0 ? "" : ",").append("(?, ?, ?, ?, ?, 'running', ?, ?, ?, NOW(3))");
        params.add(customer);
        params.add(accountId);
        params.add(regionId);
        params.add(prefix + "-vm-" + n);
        params.add(prefix + "-" + n);
        params.add("10." + ((n >> 16) & 255) + "." + ((n >> 8) & 255) + "." + (n & 255));
        params.add(ownerUser);
        params.add(ownerGroup);
      }
      jdbc.sql(sql.toString()).params(params).update();
      done += batch;
    }
  }

  /**
   * One volume, snapshot, IP address, firewall and firewall rule, owned by the user; returns their
   * ids under volumeId, snapshotId, ipAddressId, firewallId, firewallRuleId.
   */
  public java.util.Map<String, Long> addOneOfEach(long ownerUser) {
    java.util.Map<String, Long> ids = new java.util.HashMap<>();
    jdbc.sql(
            "INSERT INTO volume (customer_id, cloud_account_id, region_id, provider_volume_id,"
                + " name, size_gb, state, owner_user_id) VALUES (?, ?, ?, 'vol-1', 'data', 10,"
                + " 'available', ?)")
        .params(customer, accountId, regionId, ownerUser)
        .update();
    ids.put("volumeId", last("volume"));
    jdbc.sql(
            "INSERT INTO snapshot (customer_id, cloud_account_id, region_id, provider_snapshot_id,"
                + " volume_id, name, size_gb, state, owner_user_id) VALUES (?, ?, ?, 'snap-1', ?,"
                + " 'backup', 10, 'available', ?)")
        .params(customer, accountId, regionId, ids.get("volumeId"), ownerUser)
        .update();
    ids.put("snapshotId", last("snapshot"));
    jdbc.sql(
            "INSERT INTO ip_address (customer_id, cloud_account_id, region_id, provider_ip_id,"
                + " address, state, owner_user_id) VALUES (?, ?, ?, 'ip-1', '192.0.2.10',"
                + " 'available', ?)")
        .params(customer, accountId, regionId, ownerUser)
        .update();
    ids.put("ipAddressId", last("ip_address"));
    jdbc.sql(
            "INSERT INTO firewall (customer_id, cloud_account_id, region_id, provider_firewall_id,"
                + " name, state, owner_user_id) VALUES (?, ?, ?, 'fw-1', 'web', 'active', ?)")
        .params(customer, accountId, regionId, ownerUser)
        .update();
    ids.put("firewallId", last("firewall"));
    jdbc.sql(
            "INSERT INTO firewall_rule (customer_id, firewall_id, protocol, from_port, to_port,"
                + " source_cidr) VALUES (?, ?, 'TCP', 22, 22, '10.0.0.0/8')")
        .params(customer, ids.get("firewallId"))
        .update();
    ids.put("firewallRuleId", last("firewall_rule"));
    return ids;
  }

  private long last(String table) {
    return jdbc.sql("SELECT MAX(id) FROM " + table + " WHERE customer_id = ?")
        .param(customer)
        .query(Long.class)
        .single();
  }

  /** The id of the server named so. */
  public long serverId(String name) {
    return jdbc.sql("SELECT id FROM server WHERE customer_id = ? AND name = ?")
        .params(customer, name)
        .query(Long.class)
        .single();
  }

  public long regionId() {
    return regionId;
  }

  public long accountId() {
    return accountId;
  }
}
