package io.stratus.api.resource;

import io.stratus.api.support.ApiFixture.Customer;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Three rows of every listed kind for one customer and one for another, with fixed ids and times so
 * that answers can be compared byte for byte: ids {@code N01..N03} are the customer's, {@code N09}
 * the other's. Nullable columns are set on some rows and null on others; some text needs escaping;
 * the third row of each regional kind is in another region (202), so a filter on region 201 leaves
 * it out.
 */
final class KindSeed {
  private KindSeed() {}

  private static final String T1 = "'2026-01-02 03:04:05.000'";
  private static final String T2 = "'2026-01-02 03:04:05.120'";
  private static final String T3 = "'1999-12-31 23:59:59.999'";

  static void seed(JdbcClient jdbc, Customer acme, Customer other) {
    long c = acme.id();
    long o = other.id();
    long u = acme.userId();
    long ou = other.userId();
    sql(
        jdbc,
        "INSERT INTO cloud (id, name, provider_name, endpoint, description, status) VALUES"
            + " (101, 'local', 'local', 'http://127.0.0.1:7440', 'the \"local\" cloud é',"
            + " 'active'), (102, 'stack', 'openstack', NULL, NULL, 'inactive'), (103, 'aws',"
            + " 'aws', 'https://ec2.example', NULL, 'active')");
    sql(
        jdbc,
        "INSERT INTO cloud_account (id, customer_id, cloud_id, name, account_number, status,"
            + " status_message, created_at) VALUES (151, "
            + c
            + ", 101, 'main', '0001', 'active', NULL, "
            + T1
            + "), (152, "
            + c
            + ", 102, 'second', NULL, 'error', 'keystone said \"no\"', "
            + T2
            + "), (153, "
            + c
            + ", 103, 'third', '0003', 'pending', NULL, "
            + T3
            + "), (159, "
            + o
            + ", 101, 'theirs', NULL, 'active', NULL, "
            + T1
            + ")");
    sql(
        jdbc,
        "INSERT INTO region (id, customer_id, cloud_account_id, provider_region_id, name,"
            + " jurisdiction, status) VALUES (201, "
            + c
            + ", 151, 'r-1', 'region one', 'EU', 'active'), (202, "
            + c
            + ", 151, 'r-2', 'region two', NULL, 'active'), (203, "
            + c
            + ", 152, 'r-3', 'region three', 'US', 'inactive'), (209, "
            + o
            + ", 159, 'r-9', 'theirs', NULL, 'active')");
    sql(
        jdbc,
        "INSERT INTO data_center (id, customer_id, region_id, provider_dc_id, name, status)"
            + " VALUES (301, "
            + c
            + ", 201, 'dc-1', 'dc one', 'active'), (302, "
            + c
            + ", 201, 'dc-2', 'dc two', 'inactive'), (303, "
            + c
            + ", 202, 'dc-3', 'dc three', 'active'), (309, "
            + o
            + ", 209, 'dc-9', 'theirs', 'active')");
    sql(
        jdbc,
        "INSERT INTO machine_image (id, customer_id, cloud_account_id, region_id,"
            + " provider_image_id, name, description, platform, architecture, state, is_public,"
            + " owner_user_id, created_at) VALUES (401, "
            + c
            + ", 151, 201, 'img-1', 'Ubuntu \"LTS\" é', 'with agent', 'UBUNTU', 'I64', 'active',"
            + " TRUE, "
            + u
            + ", "
            + T1
            + "), (402, "
            + c
            + ", 151, 201, 'img-2', 'debian', NULL, NULL, NULL, 'pending', FALSE, NULL, "
            + T2
            + "), (403, "
            + c
            + ", 151, 202, 'img-3', 'old', NULL, 'WINDOWS', 'I32', 'deleted', FALSE, NULL, "
            + T3
            + "), (409, "
            + o
            + ", 159, 209, 'img-9', 'theirs', NULL, NULL, NULL, 'active', FALSE, "
            + ou
            + ", "
            + T1
            + ")");
    sql(
        jdbc,
        "INSERT INTO server_product (id, customer_id, cloud_account_id, region_id,"
            + " provider_product_id, name, cpu_count, ram_mb, root_volume_gb, hourly_price_micros,"
            + " currency, architecture) VALUES (501, "
            + c
            + ", 151, 201, 'p-1', 'small\\\\1', 1, 512, 10, 12000, 'USD', 'I64'), (502, "
            + c
            + ", 151, 201, 'p-2', 'large', 8, 32768, 0, NULL, NULL, NULL), (503, "
            + c
            + ", 151, 202, 'p-3', 'tiny', 1, 128, 1, 5, 'EUR', 'ARM64'), (509, "
            + o
            + ", 159, 209, 'p-9', 'theirs', 1, 512, 10, 1000000, 'USD', NULL)");
    sql(
        jdbc,
        "INSERT INTO volume_product (id, customer_id, cloud_account_id, region_id,"
            + " provider_product_id, name, min_size_gb, max_size_gb) VALUES (601, "
            + c
            + ", 151, 201, 'vp-1', 'standard', 1, 1024), (602, "
            + c
            + ", 151, 201, 'vp-2', 'fast \"ssd\"', 10, 512), (603, "
            + c
            + ", 151, 202, 'vp-3', 'cold', 100, 16384), (609, "
            + o
            + ", 159, 209, 'vp-9', 'theirs', 1, 1)");
    sql(
        jdbc,
        "INSERT INTO server (id, customer_id, cloud_account_id, region_id, data_center_id,"
            + " provider_server_id, name, description, state, state_reason, image_id, product_id,"
            + " private_ip, public_ip, owner_user_id, owner_group_id, launched_at, terminated_at,"
            + " created_at) VALUES (701, "
            + c
            + ", 151, 201, 301, 'vm-1', 'web', 'a \"quoted\"\\nline\\t\\u00e9 \u2603 </script>',"
            + " 'stopped', 'user asked', 401, 501, '10.0.0.1', '198.51.100.7', "
            + u
            + ", 42, "
            + T1
            + ", "
            + T2
            + ", "
            + T1
            + "), (702, "
            + c
            + ", 151, 201, NULL, NULL, 'db', NULL, 'stopping', NULL, NULL, NULL, NULL, NULL,"
            + " NULL, NULL, NULL, NULL, "
            + T2
            + "), (703, "
            + c
            + ", 151, 202, NULL, 'vm-3', 'old', NULL, 'terminated', NULL, 402, 502, '10.0.0.3',"
            + " NULL, "
            + u
            + ", NULL, "
            + T1
            + ", "
            + T2
            + ", "
            + T3
            + "), (709, "
            + o
            + ", 159, 209, NULL, 'vm-9', 'theirs', NULL, 'running', NULL, NULL, NULL, NULL, NULL, "
            + ou
            + ", NULL, NULL, NULL, "
            + T1
            + ")");
    // Server 701 is to be terminated and stopped later, and runs a guest agent.
    sql(
        jdbc,
        "UPDATE server SET terminate_after = " + T1 + ", pause_after = " + T2 + " WHERE id = 701");
    sql(
        jdbc,
        "INSERT INTO guest_agent (customer_id, server_id, agent_version, state) VALUES ("
            + c
            + ", 701, '1.0.0', 'reachable')");
    sql(
        jdbc,
        "INSERT INTO volume (id, customer_id, cloud_account_id, region_id, data_center_id,"
            + " provider_volume_id, name, size_gb, state, server_id, device_name, owner_user_id,"
            + " created_at) VALUES (801, "
            + c
            + ", 151, 201, 301, 'vol-1', 'data', 10, 'in-use', 701, '/dev/sdf', "
            + u
            + ", "
            + T1
            + "), (802, "
            + c
            + ", 151, 201, NULL, NULL, 'scratch \"x\"', 1, 'available', NULL, NULL, NULL, "
            + T2
            + "), (803, "
            + c
            + ", 151, 202, NULL, 'vol-3', 'gone', 5, 'deleted', NULL, NULL, "
            + u
            + ", "
            + T3
            + "), (809, "
            + o
            + ", 159, 209, NULL, 'vol-9', 'theirs', 1, 'available', NULL, NULL, "
            + ou
            + ", "
            + T1
            + ")");
    sql(
        jdbc,
        "INSERT INTO snapshot (id, customer_id, cloud_account_id, region_id,"
            + " provider_snapshot_id, volume_id, name, size_gb, state, owner_user_id, created_at)"
            + " VALUES (901, "
            + c
            + ", 151, 201, 'snap-1', 801, 'backup', 10, 'available', "
            + u
            + ", "
            + T1
            + "), (902, "
            + c
            + ", 151, 201, NULL, NULL, 'orphan', 2, 'pending', NULL, "
            + T2
            + "), (903, "
            + c
            + ", 151, 202, 'snap-3', NULL, 'gone', 5, 'deleted', "
            + u
            + ", "
            + T3
            + "), (909, "
            + o
            + ", 159, 209, 'snap-9', NULL, 'theirs', 1, 'available', "
            + ou
            + ", "
            + T1
            + ")");
    sql(
        jdbc,
        "INSERT INTO firewall (id, customer_id, cloud_account_id, region_id,"
            + " provider_firewall_id, name, description, state, owner_user_id, created_at) VALUES"
            + " (1001, "
            + c
            + ", 151, 201, 'fw-1', 'web', 'lets \"web\" in', 'active', "
            + u
            + ", "
            + T1
            + "), (1002, "
            + c
            + ", 151, 201, NULL, 'ssh', NULL, 'pending', NULL, "
            + T2
            + "), (1003, "
            + c
            + ", 151, 202, 'fw-3', 'gone', NULL, 'deleted', "
            + u
            + ", "
            + T3
            + "), (1009, "
            + o
            + ", 159, 209, 'fw-9', 'theirs', NULL, 'active', "
            + ou
            + ", "
            + T1
            + ")");
    sql(
        jdbc,
        "INSERT INTO firewall_rule (id, customer_id, firewall_id, provider_rule_id, direction,"
            + " permission, protocol, from_port, to_port, source_cidr, created_at) VALUES (1101, "
            + c
            + ", 1001, 'rule-1', 'INGRESS', 'ALLOW', 'TCP', 80, 443, '0.0.0.0/0', "
            + T1
            + "), (1102, "
            + c
            + ", 1001, NULL, 'EGRESS', 'DENY', 'ICMP', NULL, NULL, '10.0.0.0/8', "
            + T2
            + "), (1103, "
            + c
            + ", 1002, 'rule-3', 'INGRESS', 'ALLOW', 'TCP', 22, 22, '192.0.2.0/24', "
            + T3
            + "), (1109, "
            + o
            + ", 1009, 'rule-9', 'INGRESS', 'ALLOW', 'UDP', 53, 53, '0.0.0.0/0', "
            + T1
            + ")");
    sql(
        jdbc,
        "INSERT INTO ip_address (id, customer_id, cloud_account_id, region_id, provider_ip_id,"
            + " address, ip_version, state, server_id, owner_user_id, created_at) VALUES (1201, "
            + c
            + ", 151, 201, 'ip-1', '192.0.2.10', 'IPV4', 'assigned', 701, "
            + u
            + ", "
            + T1
            + "), (1202, "
            + c
            + ", 151, 201, NULL, NULL, 'IPV6', 'pending', NULL, NULL, "
            + T2
            + "), (1203, "
            + c
            + ", 151, 202, 'ip-3', '192.0.2.30', 'IPV4', 'released', NULL, "
            + u
            + ", "
            + T3
            + "), (1209, "
            + o
            + ", 159, 209, 'ip-9', '203.0.113.9', 'IPV4', 'available', NULL, "
            + ou
            + ", "
            + T1
            + ")");
    jobs(jdbc, c, o, u, ou);
    copies(jdbc);
  }

  /**
   * Jobs: one complete (its message the launched server's id), one failed with the cloud's words,
   * one running on behalf of no user, eight copies of the first, and one of the other customer.
   */
  private static void jobs(JdbcClient jdbc, long c, long o, long u, long ou) {
    StringBuilder rows = new StringBuilder();
    rows.append("(1301, ").append(c).append(", ").append(u);
    rows.append(", 'server.launch', 'COMPLETE', 100, 'launched', 'server', 701, ");
    rows.append(T1).append(", ").append(T2).append(")");
    rows.append(", (1302, ").append(c).append(", ").append(u);
    rows.append(", 'volume.create', 'ERROR', 100, 'the cloud said \\\"no\\\" é', 'volume', NULL, ");
    rows.append(T2).append(", ").append(T2).append(")");
    rows.append(", (1303, ").append(c);
    rows.append(", NULL, 'server.stop', 'RUNNING', 40, NULL, 'server', 702, ");
    rows.append(T3).append(", NULL)");
    for (int k = 10; k < 18; k++) {
      rows.append(", (").append(1301 + k).append(", ").append(c).append(", ").append(u);
      rows.append(", 'server.launch', 'COMPLETE', 100, 'launched', 'server', 701, ");
      rows.append(T1).append(", ").append(T2).append(")");
    }
    rows.append(", (1309, ").append(o).append(", ").append(ou);
    rows.append(", 'server.launch', 'COMPLETE', 100, NULL, 'server', 709, ");
    rows.append(T1).append(", ").append(T1).append(")");
    sql(
        jdbc,
        "INSERT INTO job (id, customer_id, user_id, action, status, progress, message,"
            + " resource_type, resource_id, created_at, completed_at) VALUES "
            + rows);
  }

  /**
   * Eight copies of each kind's first row (ids {@code N11..N18}), so that the customer's rows of
   * every kind fill more than one page of ten.
   */
  static void copies(JdbcClient jdbc) {
    copy(jdbc, "cloud", 101, "name");
    copy(jdbc, "cloud_account", 151, "name");
    copy(jdbc, "region", 201, "provider_region_id");
    copy(jdbc, "data_center", 301, "provider_dc_id");
    copy(jdbc, "machine_image", 401, "provider_image_id");
    copy(jdbc, "server_product", 501, "provider_product_id");
    copy(jdbc, "volume_product", 601, "provider_product_id");
    copy(jdbc, "server", 701, "provider_server_id");
    copy(jdbc, "volume", 801, "provider_volume_id");
    copy(jdbc, "snapshot", 901, "provider_snapshot_id");
    copy(jdbc, "firewall", 1001, "provider_firewall_id");
    copy(jdbc, "firewall_rule", 1101, "provider_rule_id");
    copy(jdbc, "ip_address", 1201, "provider_ip_id");
  }

  private static void copy(JdbcClient jdbc, String table, long first, String unique) {
    java.util.List<String> columns =
        jdbc.sql(
                "SELECT column_name FROM information_schema.columns WHERE table_schema ="
                    + " DATABASE() AND table_name = ? ORDER BY ordinal_position")
            .param(table)
            .query(String.class)
            .list();
    for (int k = 10; k < 18; k++) {
      java.util.List<String> values = new java.util.ArrayList<>();
      for (String column : columns) {
        if (column.equalsIgnoreCase("id")) {
          values.add("id + " + k);
        } else if (column.equalsIgnoreCase(unique)) {
          values.add("CONCAT(" + column + ", '-" + k + "')");
        } else {
          values.add(column);
        }
      }
      sql(
          jdbc,
          "INSERT INTO "
              + table
              + " ("
              + String.join(", ", columns)
              + ") SELECT "
              + String.join(", ", values)
              + " FROM "
              + table
              + " WHERE id = "
              + first);
    }
  }

  private static void sql(JdbcClient jdbc, String statement) {
    jdbc.sql(statement).update();
  }
}
