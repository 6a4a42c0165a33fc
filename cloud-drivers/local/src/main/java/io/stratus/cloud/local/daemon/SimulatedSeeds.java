package io.stratus.cloud.local.daemon;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seeds simulated regions with volumes, snapshots, addresses and firewalls with rules (records
 * only) until each holds its configured counts ({@link DaemonSettings.SeedCounts}): with the seeded
 * VMs, a region of every resource kind at scale, for the cache refresh benchmarks.
 */
final class SimulatedSeeds {
  private static final Logger log = LoggerFactory.getLogger(SimulatedSeeds.class);

  private SimulatedSeeds() {}

  static void seed(CloudState state) {
    synchronized (state) {
      for (RegionState region : state.regions()) {
        DaemonSettings.SeedCounts counts = state.regionSettings(region.region).seeds();
        int added =
            volumes(region, counts.volumes())
                + snapshots(region, counts.snapshots())
                + ips(state, region, counts.ips())
                + firewalls(region, counts.firewalls(), counts.rules());
        if (added > 0) {
          log.info("Seeded {} simulated records in {}", added, region.region);
          state.changed(region);
        }
      }
    }
  }

  private static int volumes(RegionState region, int wanted) {
    int missing = wanted - region.volumes.size();
    for (int i = 0; i < missing; i++) {
      Records.Volume volume = new Records.Volume();
      volume.id = region.nextId("vol");
      volume.region = region.region;
      volume.dataCenter = region.region + (i % 2 == 0 ? "a" : "b");
      volume.name = "seed-" + region.counter;
      volume.sizeGb = 1 + i % 8;
      volume.state = "AVAILABLE";
      region.volumes.put(volume.id, volume);
    }
    return Math.max(0, missing);
  }

  private static int snapshots(RegionState region, int wanted) {
    int missing = wanted - region.snapshots.size();
    if (missing > 0 && region.volumes.isEmpty()) {
      throw new IllegalStateException(region.region + ": seeded snapshots need seeded volumes");
    }
    List<Records.Volume> volumes = new ArrayList<>(region.volumes.values());
    for (int i = 0; i < missing; i++) {
      Records.Volume from = volumes.get(i % volumes.size());
      Records.Snapshot snapshot = new Records.Snapshot();
      snapshot.id = region.nextId("snap");
      snapshot.region = region.region;
      snapshot.volumeId = from.id;
      snapshot.name = "seed-" + region.counter;
      snapshot.sizeGb = from.sizeGb;
      snapshot.state = "AVAILABLE";
      region.snapshots.put(snapshot.id, snapshot);
    }
    return Math.max(0, missing);
  }

  /** Addresses from 127.43.0.0/16 in order, skipping those held in any region. */
  private static int ips(CloudState state, RegionState region, int wanted) {
    int missing = wanted - region.ips.size();
    if (missing <= 0) {
      return 0;
    }
    Set<String> used = new HashSet<>();
    for (RegionState r : state.regions()) {
      r.ips.values().stream()
          .filter(ip -> !"RELEASED".equals(ip.state))
          .forEach(ip -> used.add(ip.address));
    }
    int host = 1;
    for (int i = 0; i < missing; i++) {
      String address;
      do {
        address = "127.43." + (host >> 8) + "." + (host & 0xff);
        host++;
      } while ((host - 1 & 0xff) == 0 || (host - 1 & 0xff) == 255 || used.contains(address));
      Records.Ip ip = new Records.Ip();
      ip.id = region.nextId("ip");
      ip.region = region.region;
      ip.address = address;
      ip.state = "AVAILABLE";
      region.ips.put(ip.id, ip);
    }
    return missing;
  }

  private static int firewalls(RegionState region, int wanted, int rulesEach) {
    int missing = wanted - region.firewalls.size();
    for (int i = 0; i < missing; i++) {
      Records.Firewall firewall = new Records.Firewall();
      firewall.id = region.nextId("fw");
      firewall.region = region.region;
      firewall.name = "seed-" + region.counter;
      firewall.description = "seeded";
      for (int r = 0; r < rulesEach; r++) {
        Records.Rule rule = new Records.Rule();
        rule.id = region.nextId("rule");
        rule.direction = "INGRESS";
        rule.protocol = "TCP";
        rule.fromPort = 1000 + r;
        rule.toPort = 1000 + r;
        rule.cidr = "10.0.0.0/8";
        firewall.rules.add(rule);
      }
      region.firewalls.put(firewall.id, firewall);
    }
    return Math.max(0, missing) * (1 + rulesEach);
  }
}
