package io.stratus.cloud.local.daemon;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All regions' state, one lock for every change, and its persistence: a process region is written
 * at once after each change (its VMs are real and few); a simulated region, which may hold hundreds
 * of thousands of records, is written by a background flusher within a second, serialised under the
 * lock but written to disk outside it.
 */
final class CloudState implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CloudState.class);

  final DaemonSettings settings;
  private final StateStore store;
  private final Map<String, RegionState> regions = new LinkedHashMap<>();
  private final Set<String> dirty = new HashSet<>();
  private final ScheduledExecutorService flusher;

  CloudState(DaemonSettings settings, StateStore store) throws IOException {
    this.settings = settings;
    this.store = store;
    for (String region : settings.regions.keySet()) {
      regions.put(region, store.load(region));
    }
    this.flusher =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "state-flusher");
              t.setDaemon(true);
              return t;
            });
    flusher.scheduleWithFixedDelay(this::flushDirty, 1, 1, TimeUnit.SECONDS);
  }

  /** The region, or 404. */
  RegionState region(String id) {
    RegionState state = regions.get(id);
    if (state == null) {
      throw ApiException.notFound("region", id);
    }
    return state;
  }

  DaemonSettings.RegionSettings regionSettings(String id) {
    region(id);
    return settings.regions.get(id);
  }

  Iterable<RegionState> regions() {
    return regions.values();
  }

  /** Records that a region changed: written now for process regions, soon for simulated ones. */
  synchronized void changed(RegionState region) {
    if (settings.regions.get(region.region).simulated()) {
      dirty.add(region.region);
    } else {
      save(region);
    }
  }

  void flushDirty() {
    java.util.List<java.util.Map.Entry<String, byte[]>> pending = new java.util.ArrayList<>();
    synchronized (this) {
      for (String region : dirty) {
        try {
          pending.add(java.util.Map.entry(region, store.serialize(regions.get(region))));
        } catch (IOException e) {
          log.error("Cannot serialise region {}: {}", region, e.getMessage());
        }
      }
      dirty.clear();
    }
    for (var entry : pending) {
      try {
        store.write(entry.getKey(), entry.getValue());
      } catch (IOException e) {
        log.error("Cannot save region {}: {}", entry.getKey(), e.getMessage());
      }
    }
  }

  private void save(RegionState region) {
    try {
      store.save(region);
    } catch (IOException e) {
      log.error("Cannot save region {}: {}", region.region, e.getMessage());
      throw new UncheckedIOException(e);
    }
  }

  /** The lowest free 127.42.x.y address among process VMs that are not terminated. */
  synchronized String allocateVmAddress() {
    Set<String> used = new HashSet<>();
    for (RegionState r : regions.values()) {
      for (Records.Vm vm : r.vms.values()) {
        if (!vm.simulated && !"TERMINATED".equals(vm.state) && vm.address != null) {
          used.add(vm.address);
        }
      }
    }
    for (int i = settings.vmAddressStart; i < 65_535; i++) {
      String address = "127.42." + (i >> 8) + "." + (i & 0xff);
      if ((i & 0xff) != 0 && (i & 0xff) != 255 && !used.contains(address)) {
        return address;
      }
    }
    throw new ApiException(503, "InsufficientCapacity", "no free VM address left in 127.42.0.0/16");
  }

  /** The lowest free 127.43.x.y address among requested IPs that are not released. */
  synchronized String allocateIpAddress() {
    Set<String> used = new HashSet<>();
    for (RegionState r : regions.values()) {
      for (Records.Ip ip : r.ips.values()) {
        if (!"RELEASED".equals(ip.state)) {
          used.add(ip.address);
        }
      }
    }
    for (int i = 1; i < 65_535; i++) {
      String address = "127.43." + (i >> 8) + "." + (i & 0xff);
      if ((i & 0xff) != 0 && (i & 0xff) != 255 && !used.contains(address)) {
        return address;
      }
    }
    throw new ApiException(503, "InsufficientCapacity", "no free address left in 127.43.0.0/16");
  }

  @Override
  public void close() {
    flusher.shutdownNow();
    flushDirty();
  }
}
