package io.stratus.worker.subscriber.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.stratus.cloud.spi.compute.Volume;
import io.stratus.cloud.spi.compute.VolumeState;
import io.stratus.cloud.spi.dc.DataCenter;
import io.stratus.common.cache.CacheKind;
import io.stratus.common.cache.CacheWork;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The statements a kind's table declaration makes: table, cloud id and gone state from the resource
 * kind's declaration; references compared and updated by the other kind's cloud id.
 */
class KindTableTest {
  private static final CacheWork WORK = new CacheWork(1, 10, 20, 30, CacheKind.VOLUMES, 0);

  @Test
  void shouldReadCompareAndWriteAVolumeWithItsServerByTheServersCloudId() {
    VolumeKind volumes = new VolumeKind();
    assertEquals(
        "SELECT t.id, t.provider_volume_id, t.state = 'deleted' AS gone, t.state, t.name,"
            + " t.size_gb, r1.provider_server_id, t.device_name FROM volume t"
            + " LEFT JOIN server r1 ON r1.id = t.server_id"
            + " WHERE t.region_id = :region AND NOT (t.provider_volume_id IS NULL)",
        volumes.knownSql());
    assertEquals(
        "INSERT INTO volume (customer_id, cloud_account_id, region_id, provider_volume_id, state,"
            + " name, size_gb, server_id, device_name, data_center_id)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        volumes.insertSql());
    assertEquals(
        "UPDATE volume t SET t.state = ?, t.name = ?, t.size_gb = ?, t.server_id = (SELECT r.id"
            + " FROM server r WHERE r.region_id = t.region_id AND r.provider_server_id = ?),"
            + " t.device_name = ?, t.state_reason = ? WHERE t.id = ?",
        volumes.updateSql());
    assertEquals(
        "UPDATE volume SET state = 'deleted', state_reason = ?, server_id = NULL,"
            + " device_name = NULL WHERE id = ?",
        volumes.goneSql());

    Volume deleted =
        new Volume("vol-1", "data", 8, VolumeState.DELETED, "dc-1", "vm-1", "/dev/vdb", null);
    assertEquals(Arrays.asList("deleted", "data", 8, "vm-1", "/dev/vdb"), volumes.values(deleted));
    assertArrayEquals(
        new Object[] {"deleted", "data", 8, "vm-1", "/dev/vdb", "deleted in the cloud", 5L},
        volumes.updateRow(5, deleted));
    Volume available =
        new Volume("vol-1", "data", 8, VolumeState.AVAILABLE, "dc-1", null, null, null);
    assertNull(volumes.updateRow(5, available)[5], "no reason while the cloud lists it");
  }

  @Test
  void shouldTakeEachKindsTableCloudIdAndGoneStateFromItsDeclaration() {
    Map<TableKind<?>, String> kinds = new LinkedHashMap<>();
    kinds.put(new ServerKind(), "server provider_server_id terminated");
    kinds.put(new ImageKind(), "machine_image provider_image_id deleted");
    kinds.put(new ServerProductKind(), "server_product provider_product_id retired");
    kinds.put(new VolumeProductKind(), "volume_product provider_product_id retired");
    kinds.put(new VolumeKind(), "volume provider_volume_id deleted");
    kinds.put(new SnapshotKind(), "snapshot provider_snapshot_id deleted");
    kinds.put(new IpAddressKind(), "ip_address provider_ip_id released");
    kinds.put(new FirewallKind(), "firewall provider_firewall_id deleted");
    kinds.put(new DataCenterKind(), "data_center provider_dc_id inactive");
    kinds.forEach(
        (kind, expected) -> {
          String[] parts = expected.split(" ");
          assertEquals(
              "SELECT id, %s FROM %s WHERE region_id = :region AND %s IN (:ids)"
                  .formatted(parts[1], parts[0], parts[1]),
              kind.idsSql());
          assertEquals(parts[2], kind.goneState(), kind.resource());
        });
  }

  @Test
  void shouldFindAFirewallsRulesInTheRegionThroughTheirFirewall() {
    FirewallRuleKind rules = new FirewallRuleKind(new DriverManagerDataSource());
    assertEquals(
        "SELECT t.id, t.provider_rule_id, t.state = 'deleted' AS gone, t.state, t.direction,"
            + " t.protocol, t.from_port, t.to_port, t.source_cidr FROM firewall_rule t"
            + " JOIN firewall p ON p.id = t.firewall_id"
            + " WHERE p.region_id = :region AND NOT (t.provider_rule_id IS NULL)",
        rules.knownSql());
    assertEquals(
        "INSERT INTO firewall_rule (customer_id, provider_rule_id, state, direction, protocol,"
            + " from_port, to_port, source_cidr, firewall_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rules.insertSql());
    assertEquals(
        "SELECT t.id, t.provider_rule_id FROM firewall_rule t JOIN firewall p"
            + " ON p.id = t.firewall_id WHERE p.region_id = :region AND t.provider_rule_id IN (:ids)",
        rules.idsSql());
    assertNull(rules.pendingSql());
  }

  @Test
  void shouldHoldBackInsertsWhileACreateIsInFlight() {
    assertEquals(
        """
        SELECT COUNT(*) FROM snapshot WHERE region_id = :region AND provider_snapshot_id IS NULL \
        AND state <> 'deleted'
           AND created_at > DATE_SUB(NOW(3), INTERVAL 10 MINUTE)
        """,
        new SnapshotKind().pendingSql());
    assertEquals(
        """
        SELECT COUNT(*) FROM machine_image WHERE region_id = :region AND provider_image_id LIKE \
        'pending-%' AND state <> 'deleted'
           AND created_at > DATE_SUB(NOW(3), INTERVAL 10 MINUTE)
        """,
        new ImageKind().pendingSql());
    assertNull(new ServerProductKind().pendingSql(), "Stratus creates no products");
  }

  @Test
  void shouldKeepDataCentresAsTheRegionsWithTheirOwnGoneState() {
    DataCenterKind dcs = new DataCenterKind();
    assertEquals("inactive", dcs.goneState());
    assertEquals(
        "INSERT INTO data_center (customer_id, region_id, provider_dc_id, status, name)"
            + " VALUES (?, ?, ?, ?, ?)",
        dcs.insertSql());
    assertArrayEquals(
        new Object[] {10L, 30L, "dc-1", "active", "A"},
        dcs.insertRow(WORK, new DataCenter("dc-1", "r", "A", true), null));
    assertEquals(
        "UPDATE data_center SET status = 'inactive', state_reason = ? WHERE id = ?", dcs.goneSql());
  }

  @Test
  void shouldLetServersKeepTheCloudsReasonAndTheirTerminationTime() {
    ServerKind servers = new ServerKind();
    assertEquals(
        "UPDATE server t SET t.state = ?, t.state_reason = ?, t.private_ip = ?, t.public_ip = ?,"
            + " t.terminated_at = CASE WHEN ? = 'terminated' THEN NOW(3) ELSE NULL END"
            + " WHERE t.id = ?",
        servers.updateSql());
    assertEquals(
        "UPDATE server SET state = 'terminated', state_reason = ?, terminated_at = NOW(3)"
            + " WHERE id = ?",
        servers.goneSql());
  }
}
