package io.stratus.api.bench;

import io.stratus.api.support.ApiFixture.Customer;
import io.stratus.api.support.Inventory;
import io.stratus.common.resource.ResourceKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Many rows of a regional kind for the listing benchmark: one row written, then copied (doubling; a
 * copy's provider id is {@code c<round>-<copied row's id>}, so unique) until there are as many as
 * asked.
 */
final class BenchRows {
  private BenchRows() {}

  /** The first row of each kind seeded: table, its provider id column, and the row's SQL. */
  private record Template(String table, String unique, String insert) {}

  private static final Map<String, Template> TEMPLATES =
      Map.of(
          "volumes",
          new Template(
              "volume",
              "provider_volume_id",
              "INSERT INTO volume (customer_id, cloud_account_id, region_id, provider_volume_id,"
                  + " name, size_gb, state, owner_user_id) VALUES (:c, :a, :r, 'vol', 'data', 10,"
                  + " 'available', :u)"),
          "snapshots",
          new Template(
              "snapshot",
              "provider_snapshot_id",
              "INSERT INTO snapshot (customer_id, cloud_account_id, region_id,"
                  + " provider_snapshot_id, name, size_gb, state, owner_user_id) VALUES (:c, :a,"
                  + " :r, 'snap', 'backup', 10, 'available', :u)"),
          "firewalls",
          new Template(
              "firewall",
              "provider_firewall_id",
              "INSERT INTO firewall (customer_id, cloud_account_id, region_id,"
                  + " provider_firewall_id, name, description, state, owner_user_id) VALUES (:c,"
                  + " :a, :r, 'fw', 'web', 'lets web in', 'active', :u)"),
          "ipAddresses",
          new Template(
              "ip_address",
              "provider_ip_id",
              "INSERT INTO ip_address (customer_id, cloud_account_id, region_id, provider_ip_id,"
                  + " address, state, owner_user_id) VALUES (:c, :a, :r, 'ip', '192.0.2.10',"
                  + " 'available', :u)"),
          "images",
          new Template(
              "machine_image",
              "provider_image_id",
              "INSERT INTO machine_image (customer_id, cloud_account_id, region_id,"
                  + " provider_image_id, name, platform, architecture, state, owner_user_id)"
                  + " VALUES (:c, :a, :r, 'img', 'ubuntu', 'UBUNTU', 'I64', 'active', :u)"),
          "serverProducts",
          new Template(
              "server_product",
              "provider_product_id",
              "INSERT INTO server_product (customer_id, cloud_account_id, region_id,"
                  + " provider_product_id, name, cpu_count, ram_mb, hourly_price_micros, currency)"
                  + " VALUES (:c, :a, :r, 'p', 'small', 1, 512, 12000, 'USD')"),
          "volumeProducts",
          new Template(
              "volume_product",
              "provider_product_id",
              "INSERT INTO volume_product (customer_id, cloud_account_id, region_id,"
                  + " provider_product_id, name, min_size_gb, max_size_gb) VALUES (:c, :a, :r,"
                  + " 'vp', 'standard', 1, 1024)"),
          "dataCenters",
          new Template(
              "data_center",
              "provider_dc_id",
              "INSERT INTO data_center (customer_id, region_id, provider_dc_id, name) VALUES (:c,"
                  + " :r, 'dc', 'dc one')"));

  /** Adds {@code count} rows of {@code kind} for the customer, in the inventory's region. */
  static void add(
      JdbcClient jdbc, ResourceKind kind, Customer customer, Inventory inventory, int count) {
    Template t = TEMPLATES.get(kind.collection());
    if (t == null) {
      throw new IllegalArgumentException(
          "bench.kind="
              + kind.collection()
              + " is not seeded by the benchmark; it seeds servers and "
              + String.join(", ", new java.util.TreeSet<>(TEMPLATES.keySet())));
    }
    jdbc.sql(t.insert())
        .param("c", customer.id())
        .param("a", inventory.accountId())
        .param("r", inventory.regionId())
        .param("u", customer.userId())
        .update();
    List<String> columns =
        jdbc.sql(
                "SELECT column_name FROM information_schema.columns WHERE table_schema ="
                    + " DATABASE() AND table_name = ? AND column_name <> 'id'"
                    + " ORDER BY ordinal_position")
            .param(t.table())
            .query(String.class)
            .list();
    int have = 1;
    for (int round = 1; have < count; round++) {
      List<String> values = new ArrayList<>();
      for (String column : columns) {
        values.add(column.equals(t.unique()) ? "CONCAT('c" + round + "-', id)" : column);
      }
      int more = Math.min(have, count - have);
      have +=
          jdbc.sql(
                  "INSERT INTO "
                      + t.table()
                      + " ("
                      + String.join(", ", columns)
                      + ") SELECT "
                      + String.join(", ", values)
                      + " FROM "
                      + t.table()
                      + " WHERE customer_id = ? LIMIT "
                      + more)
              .param(customer.id())
              .update();
    }
  }
}
