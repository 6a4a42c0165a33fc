package io.stratus.cloud.local.daemon;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Everything one region holds, as written to {@code regions/<region>.json}. Ids carry the region
 * and a zero-padded counter, so they sort in creation order and pages can resume after an id.
 */
final class RegionState {
  public String region;
  public long counter;
  public ConcurrentSkipListMap<String, Records.Vm> vms = new ConcurrentSkipListMap<>();
  public ConcurrentSkipListMap<String, Records.Image> images = new ConcurrentSkipListMap<>();
  public ConcurrentSkipListMap<String, Records.Volume> volumes = new ConcurrentSkipListMap<>();
  public ConcurrentSkipListMap<String, Records.Snapshot> snapshots = new ConcurrentSkipListMap<>();
  public ConcurrentSkipListMap<String, Records.Ip> ips = new ConcurrentSkipListMap<>();
  public ConcurrentSkipListMap<String, Records.Firewall> firewalls = new ConcurrentSkipListMap<>();
  public Map<String, String> clientTokens = new HashMap<>();

  String nextId(String kind) {
    counter++;
    return kind + "-" + region + "-" + String.format("%09d", counter);
  }
}
