package io.stratus.cloud.local.daemon;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Virtual machines: launch, list, start, stop, reboot, terminate and samples, for process regions
 * (real processes through {@link ProcessVms}) and simulated ones (records whose boot takes the
 * configured time). A monitor notices processes that end on their own.
 */
final class VmService implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(VmService.class);
  private static final int MAX_NAME = 64;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final CloudState state;
  private final ProcessVms processes;
  private final ScheduledExecutorService monitor;

  VmService(CloudState state, ProcessVms processes) {
    this.state = state;
    this.processes = processes;
    this.monitor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "vm-monitor");
              t.setDaemon(true);
              return t;
            });
    monitor.scheduleWithFixedDelay(this::watch, 500, 500, TimeUnit.MILLISECONDS);
  }

  /** What a launch asks for, as the API received it. */
  record LaunchRequest(
      String imageId,
      String productId,
      String dataCenter,
      String name,
      String userData,
      List<String> firewallIds,
      String clientToken) {}

  Records.Vm launch(String regionId, LaunchRequest request) {
    RegionState region = state.region(regionId);
    DaemonSettings.RegionSettings settings = state.regionSettings(regionId);
    if (request.name() == null || !request.name().matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
      throw ApiException.badRequest(
          "name must be 1.."
              + MAX_NAME
              + " letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
    if (request.imageId() == null || request.productId() == null) {
      throw ApiException.badRequest("imageId and productId are required");
    }
    if (request.userData() != null && request.userData().length() > 16_384) {
      throw new ApiException(413, "TooLarge", "user data is limited to 16 KiB");
    }
    synchronized (state) {
      if (request.clientToken() != null) {
        String existing = region.clientTokens.get(request.clientToken());
        if (existing != null && region.vms.containsKey(existing)) {
          return region.vms.get(existing);
        }
      }
      Records.Image image = region.images.get(request.imageId());
      if (image == null || !"ACTIVE".equals(image.state)) {
        throw new ApiException(
            404, "ImageNotFound", "image " + request.imageId() + " does not exist");
      }
      Catalogue.product(request.productId());
      String dataCenter = request.dataCenter() == null ? regionId + "a" : request.dataCenter();
      if (!Catalogue.dataCenters(regionId).contains(dataCenter)) {
        throw ApiException.badRequest("unknown data centre '" + dataCenter + "' in " + regionId);
      }
      List<String> firewalls = request.firewallIds() == null ? List.of() : request.firewallIds();
      for (String firewall : firewalls) {
        if (!region.firewalls.containsKey(firewall)) {
          throw ApiException.notFound("firewall", firewall);
        }
      }
      Records.Vm vm = new Records.Vm();
      vm.id = region.nextId("vm");
      vm.region = regionId;
      vm.dataCenter = dataCenter;
      vm.name = request.name();
      vm.imageId = image.id;
      vm.productId = request.productId();
      vm.userData = request.userData();
      vm.firewallIds = new ArrayList<>(firewalls);
      vm.clientToken = request.clientToken();
      vm.metadataToken = HexFormat.of().formatHex(randomBytes(16));
      vm.createdAt = System.currentTimeMillis();
      vm.simulated = settings.simulated();
      vm.state = "PENDING";
      if (vm.simulated) {
        vm.address = simulatedAddress(region.counter);
        vm.bootAt = vm.createdAt + settings.bootTime().toMillis();
      } else {
        vm.address = state.allocateVmAddress();
        processes.launch(vm, image);
      }
      region.vms.put(vm.id, vm);
      if (vm.clientToken != null) {
        region.clientTokens.put(vm.clientToken, vm.id);
      }
      state.changed(region);
      log.info("Launched {} ({}) in {} at {}", vm.id, vm.name, regionId, vm.address);
      return vm;
    }
  }

  Records.Vm get(String regionId, String vmId) {
    Records.Vm vm = state.region(regionId).vms.get(vmId);
    if (vm == null) {
      throw ApiException.notFound("VM", vmId);
    }
    refreshSimulated(vm);
    return vm;
  }

  /** A page of VMs after {@code afterId} (exclusive), filtered, at most {@code size}. */
  List<Records.Vm> list(
      String regionId, String afterId, int size, Set<String> states, String namePrefix) {
    RegionState region = state.region(regionId);
    Map<String, Records.Vm> view =
        afterId == null ? region.vms : region.vms.tailMap(afterId, false);
    List<Records.Vm> page = new ArrayList<>(Math.min(size, 1024));
    for (Records.Vm vm : view.values()) {
      refreshSimulated(vm);
      if ((states.isEmpty() || states.contains(vm.state))
          && (namePrefix == null || vm.name.startsWith(namePrefix))) {
        page.add(vm);
        if (page.size() > size) {
          break;
        }
      }
    }
    return page;
  }

  void start(String regionId, String vmId) {
    RegionState region = state.region(regionId);
    synchronized (state) {
      Records.Vm vm = get(regionId, vmId);
      requireState(vm, "start", "STOPPED");
      vm.state = "PENDING";
      vm.stateReason = null;
      if (vm.simulated) {
        vm.bootAt =
            System.currentTimeMillis() + state.regionSettings(regionId).bootTime().toMillis();
      } else {
        processes.launch(vm, image(region, vm));
        vm.bootAt = System.currentTimeMillis();
      }
      state.changed(region);
    }
  }

  void stop(String regionId, String vmId) {
    RegionState region = state.region(regionId);
    Records.Vm vm;
    synchronized (state) {
      vm = get(regionId, vmId);
      requireState(vm, "stop", "RUNNING", "PENDING");
      vm.state = "STOPPING";
      state.changed(region);
    }
    if (!vm.simulated) {
      processes.kill(vm, 10_000);
    }
    synchronized (state) {
      vm.state = "STOPPED";
      vm.stateReason = "stopped on request";
      vm.pid = 0;
      state.changed(region);
    }
  }

  void reboot(String regionId, String vmId) {
    RegionState region = state.region(regionId);
    Records.Vm vm;
    synchronized (state) {
      vm = get(regionId, vmId);
      requireState(vm, "reboot", "RUNNING");
      vm.state = "REBOOTING";
      state.changed(region);
    }
    if (vm.simulated) {
      synchronized (state) {
        vm.bootAt =
            System.currentTimeMillis() + state.regionSettings(regionId).bootTime().toMillis() / 2;
        state.changed(region);
      }
      return;
    }
    processes.kill(vm, 10_000);
    synchronized (state) {
      processes.launch(vm, image(region, vm));
      vm.bootAt = System.currentTimeMillis();
      state.changed(region);
    }
  }

  void terminate(String regionId, String vmId) {
    RegionState region = state.region(regionId);
    Records.Vm vm;
    synchronized (state) {
      vm = get(regionId, vmId);
      if ("TERMINATED".equals(vm.state)) {
        throw ApiException.conflict("VM " + vmId + " is already terminated");
      }
    }
    if (!vm.simulated) {
      processes.kill(vm, 2_000);
    }
    synchronized (state) {
      vm.state = "TERMINATED";
      vm.stateReason = "terminated on request";
      vm.terminatedAt = System.currentTimeMillis();
      vm.pid = 0;
      region.ips.values().stream()
          .filter(ip -> vmId.equals(ip.vmId))
          .forEach(
              ip -> {
                ip.vmId = null;
                ip.state = "AVAILABLE";
              });
      region.volumes.values().stream()
          .filter(v -> vmId.equals(v.vmId))
          .forEach(
              v -> {
                v.vmId = null;
                v.device = null;
                v.state = "AVAILABLE";
              });
      state.changed(region);
    }
    if (!vm.simulated) {
      processes.removeDir(vmId);
    }
  }

  /** CPU percent and resident bytes; empty when the VM is not running. */
  Optional<double[]> sample(String regionId, String vmId) {
    Records.Vm vm = get(regionId, vmId);
    if (!"RUNNING".equals(vm.state)) {
      return Optional.empty();
    }
    if (vm.simulated) {
      double cpu = 5 + ThreadLocalRandom.current().nextDouble(40);
      long ram = Catalogue.product(vm.productId).ramMb() * 1024L * 1024L / 3;
      return Optional.of(new double[] {cpu, ram});
    }
    return processes.sample(vm);
  }

  /** User data, for the metadata endpoint: only the VM's own token reads it. */
  String userData(String vmId, String token) {
    for (RegionState region : state.regions()) {
      Records.Vm vm = region.vms.get(vmId);
      if (vm != null) {
        if (token == null
            || !java.security.MessageDigest.isEqual(
                token.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                vm.metadataToken.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
          throw new ApiException(403, "Forbidden", "this token does not belong to VM " + vmId);
        }
        return vm.userData == null ? "" : vm.userData;
      }
    }
    throw ApiException.notFound("VM", vmId);
  }

  /** Creates RUNNING records until each simulated region holds its configured seed count. */
  void seed() {
    synchronized (state) {
      for (RegionState region : state.regions()) {
        DaemonSettings.RegionSettings settings = state.regionSettings(region.region);
        int missing = settings.seedVms() - region.vms.size();
        if (missing <= 0) {
          continue;
        }
        long now = System.currentTimeMillis();
        for (int i = 0; i < missing; i++) {
          Records.Vm vm = new Records.Vm();
          vm.id = region.nextId("vm");
          vm.region = region.region;
          vm.dataCenter = region.region + (i % 2 == 0 ? "a" : "b");
          vm.name = "seed-" + region.counter;
          vm.imageId = "img-http";
          vm.productId = "small";
          vm.state = "RUNNING";
          vm.metadataToken = HexFormat.of().formatHex(randomBytes(16));
          vm.createdAt = now;
          vm.simulated = true;
          vm.address = simulatedAddress(region.counter);
          region.vms.put(vm.id, vm);
        }
        log.info("Seeded {} simulated VMs in {}", missing, region.region);
        state.changed(region);
      }
    }
  }

  /** Attaches to VM processes that outlived a daemon restart; marks the others stopped. */
  void reattach() {
    synchronized (state) {
      for (RegionState region : state.regions()) {
        boolean changed = false;
        for (Records.Vm vm : region.vms.values()) {
          if (vm.simulated || vm.pid == 0) {
            continue;
          }
          if (processes.isAlive(vm)) {
            log.info("Re-attached to {} (pid {})", vm.id, vm.pid);
          } else if (!"STOPPED".equals(vm.state) && !"TERMINATED".equals(vm.state)) {
            vm.state = "STOPPED";
            vm.stateReason = "the VM's process ended while the cloud was down";
            vm.pid = 0;
            changed = true;
          }
        }
        if (changed) {
          state.changed(region);
        }
      }
    }
  }

  private void watch() {
    try {
      long now = System.currentTimeMillis();
      long retention = state.settings.terminatedRetention.toMillis();
      for (RegionState region : state.regions()) {
        boolean changed = false;
        synchronized (state) {
          var it = region.vms.values().iterator();
          while (it.hasNext()) {
            Records.Vm vm = it.next();
            if ("TERMINATED".equals(vm.state)) {
              if (now - vm.terminatedAt > retention) {
                it.remove();
                if (vm.clientToken != null) {
                  region.clientTokens.remove(vm.clientToken);
                }
                changed = true;
              }
              continue;
            }
            if (vm.simulated) {
              continue;
            }
            changed |= watchProcess(region, vm, now);
          }
          if (changed) {
            state.changed(region);
          }
        }
      }
    } catch (RuntimeException e) {
      log.warn("VM monitor pass failed: {}", e.toString());
    }
  }

  private boolean watchProcess(RegionState region, Records.Vm vm, long now) {
    switch (vm.state) {
      case "PENDING", "REBOOTING" -> {
        if (processes.isReady(vm, image(region, vm), now - vm.bootAt)) {
          vm.state = "RUNNING";
          vm.stateReason = null;
          return true;
        }
        if (vm.pid != 0 && !processes.isAlive(vm) && now - vm.bootAt > 200) {
          vm.state = "STOPPED";
          vm.stateReason = processes.exitReason(vm) + " while booting";
          vm.pid = 0;
          return true;
        }
        return false;
      }
      case "RUNNING" -> {
        if (!processes.isAlive(vm)) {
          vm.state = "STOPPED";
          vm.stateReason = processes.exitReason(vm);
          vm.pid = 0;
          log.info("{} stopped on its own: {}", vm.id, vm.stateReason);
          return true;
        }
        return false;
      }
      default -> {
        return false;
      }
    }
  }

  private void refreshSimulated(Records.Vm vm) {
    if (vm.simulated
        && ("PENDING".equals(vm.state) || "REBOOTING".equals(vm.state))
        && System.currentTimeMillis() >= vm.bootAt) {
      vm.state = "RUNNING";
    }
  }

  private static Records.Image image(RegionState region, Records.Vm vm) {
    Records.Image image = region.images.get(vm.imageId);
    if (image == null) {
      throw ApiException.conflict("the image " + vm.imageId + " of VM " + vm.id + " is gone");
    }
    return image;
  }

  private static void requireState(Records.Vm vm, String action, String... allowed) {
    for (String s : allowed) {
      if (s.equals(vm.state)) {
        return;
      }
    }
    throw ApiException.conflict(
        "cannot " + action + " VM " + vm.id + " in state " + vm.state.toLowerCase());
  }

  private static String simulatedAddress(long n) {
    return "10." + ((n >> 16) & 0xff) + "." + ((n >> 8) & 0xff) + "." + (n & 0xff);
  }

  private static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  @Override
  public void close() {
    monitor.shutdownNow();
  }
}
