package io.stratus.cloud.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratus.cloud.spi.CloudProvider;
import io.stratus.cloud.spi.network.FirewallSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A simulated region seeded with every kind, as the mixed cache benchmark uses it: the counts hold,
 * across a restart no more are added, and every rule is listed once, by its firewall.
 */
class SimulatedSeedsIT {
  @Test
  void shouldSeedEveryKindOnceAndListEveryRuleInOneCall() throws Exception {
    Path dir = Files.createTempDirectory("seeds-");
    try (LocalCloudProcess cloud =
        LocalCloudProcess.start(
            dir,
            """
            regions=sim-1
            region.sim-1.mode=simulated
            region.sim-1.seed-vms=30
            region.sim-1.seed-volumes=20
            region.sim-1.seed-snapshots=10
            region.sim-1.seed-ips=15
            region.sim-1.seed-firewalls=5
            region.sim-1.seed-rules-per-firewall=3
            """)) {
      for (int run = 0; run < 2; run++) {
        try (CloudProvider provider = cloud.provider("sim-1")) {
          var compute = provider.compute().orElseThrow();
          assertEquals(20, compute.volumes().orElseThrow().list().size());
          assertEquals(10, compute.snapshots().orElseThrow().list().size());
          var ips = provider.network().orElseThrow().ipAddresses().orElseThrow().list();
          assertEquals(15, ips.size());
          Set<String> addresses = new HashSet<>();
          ips.forEach(ip -> addresses.add(ip.address()));
          assertEquals(15, addresses.size(), "every seeded address its own");
          FirewallSupport firewalls = provider.network().orElseThrow().firewalls().orElseThrow();
          assertEquals(5, firewalls.list().size());
          List<io.stratus.cloud.spi.network.FirewallRule> all = firewalls.listAllRules();
          assertEquals(15, all.size());
          for (var firewall : firewalls.list()) {
            assertTrue(all.containsAll(firewalls.listRules(firewall.id())));
          }
        }
        cloud.restart();
      }
    }
  }
}
