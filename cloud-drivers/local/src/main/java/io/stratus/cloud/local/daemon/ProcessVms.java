package io.stratus.cloud.local.daemon;

import io.stratus.cloud.local.vm.VmHttpService;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs VMs as OS processes: each in its own directory {@code vms/<id>/}, with its output in {@code
 * console.log}, its address and metadata token in its environment. A VM is known by pid and the
 * process's start time (from {@code /proc}), so a daemon restarted later re-attaches to the same
 * processes and never mistakes a recycled pid for its VM.
 */
final class ProcessVms {
  private static final Logger log = LoggerFactory.getLogger(ProcessVms.class);

  private final Path vmRoot;
  private final int apiPort;
  private final List<String> agentCommand;
  private final Map<String, Process> children = new ConcurrentHashMap<>();

  ProcessVms(Path dataDir, int apiPort, List<String> agentCommand) throws IOException {
    this.vmRoot = OwnerOnly.directory(dataDir.resolve("vms"));
    OwnerOnly.narrow(vmRoot, 1);
    this.apiPort = apiPort;
    this.agentCommand = List.copyOf(agentCommand);
  }

  Path vmDir(String vmId) {
    return vmRoot.resolve(vmId);
  }

  /** Starts the image's command for the VM and records its pid. */
  void launch(Records.Vm vm, Records.Image image) {
    List<String> command = command(image, vmDir(vm.id));
    try {
      Path dir = OwnerOnly.directory(vmDir(vm.id));
      OwnerOnly.directory(dir.resolve("volumes"));
      if (!Files.exists(dir.resolve("console.log"))) {
        OwnerOnly.newFile(dir.resolve("console.log"));
      }
      ProcessBuilder builder = new ProcessBuilder(command);
      builder.directory(dir.toFile());
      builder.redirectErrorStream(true);
      builder.redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("console.log").toFile()));
      Map<String, String> env = builder.environment();
      env.put("STRATUS_VM_ID", vm.id);
      env.put("STRATUS_VM_ADDRESS", vm.address);
      env.put("STRATUS_VM_DIR", dir.toString());
      env.put("STRATUS_VM_TOKEN", vm.metadataToken);
      env.put(
          "STRATUS_METADATA_URL",
          "http://127.0.0.1:" + apiPort + "/metadata/" + vm.id + "/user-data");
      Process process = builder.start();
      children.put(vm.id, process);
      vm.pid = process.pid();
      vm.pidStartTicks = startTicks(vm.pid).orElse(0L);
    } catch (IOException e) {
      throw new ApiException(500, "InternalError", "cannot start VM process: " + e.getMessage());
    }
  }

  /** Whether the VM's own process is alive (same pid, same start time). */
  boolean isAlive(Records.Vm vm) {
    if (vm.pid <= 0) {
      return false;
    }
    Optional<ProcessHandle> handle = ProcessHandle.of(vm.pid);
    if (handle.isEmpty() || !handle.get().isAlive()) {
      return false;
    }
    return vm.pidStartTicks == 0 || startTicks(vm.pid).orElse(-1L) == vm.pidStartTicks;
  }

  /** Whether the VM answers as its image says it will. */
  boolean isReady(Records.Vm vm, Records.Image image, long sinceLaunchMillis) {
    if (!isAlive(vm)) {
      return false;
    }
    if ("http".equals(image.readiness)) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(vm.address, VmHttpService.PORT), 200);
        return true;
      } catch (IOException e) {
        return false;
      }
    }
    return sinceLaunchMillis >= 1000;
  }

  /** Why a VM's process is gone, when this daemon started it; null otherwise. */
  String exitReason(Records.Vm vm) {
    Process process = children.get(vm.id);
    if (process != null && !process.isAlive()) {
      return "the VM's process exited with code " + process.exitValue();
    }
    return "the VM's process ended outside the cloud";
  }

  /** SIGTERM, then SIGKILL after {@code graceMillis}; returns once the process is gone. */
  void kill(Records.Vm vm, long graceMillis) {
    if (!isAlive(vm)) {
      return;
    }
    ProcessHandle handle = ProcessHandle.of(vm.pid).orElse(null);
    if (handle == null) {
      return;
    }
    List<ProcessHandle> descendants = new ArrayList<>(handle.descendants().toList());
    handle.destroy();
    long deadline = System.currentTimeMillis() + graceMillis;
    while (handle.isAlive() && System.currentTimeMillis() < deadline) {
      sleep(20);
    }
    if (handle.isAlive()) {
      handle.destroyForcibly();
      while (handle.isAlive() && System.currentTimeMillis() < deadline + 5000) {
        sleep(20);
      }
    }
    descendants.forEach(ProcessHandle::destroyForcibly);
    children.remove(vm.id);
  }

  /** CPU share over a short window and resident memory, from {@code /proc}. */
  Optional<double[]> sample(Records.Vm vm) {
    if (!isAlive(vm)) {
      return Optional.empty();
    }
    try {
      long before = cpuTicks(vm.pid);
      long t0 = System.nanoTime();
      sleep(100);
      long after = cpuTicks(vm.pid);
      double seconds = (System.nanoTime() - t0) / 1e9;
      double cpuPercent = 100.0 * ((after - before) / 100.0) / seconds;
      return Optional.of(new double[] {cpuPercent, rssBytes(vm.pid)});
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  void removeDir(String vmId) {
    Path dir = vmDir(vmId);
    try (var walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      log.debug("Cannot remove {}: {}", dir, e.getMessage());
    }
  }

  private List<String> command(Records.Image image, Path dir) {
    if (image.agent) {
      if (agentCommand.isEmpty()) {
        throw ApiException.badRequest(
            "image "
                + image.id
                + " runs the guest agent, and this local cloud has none: set agent.command in "
                + DaemonSettings.FILE);
      }
      List<String> command = new ArrayList<>(agentCommand);
      command.add("--home");
      command.add(dir.resolve("agent").toAbsolutePath().toString());
      return command;
    }
    if (image.command.isEmpty()) {
      String java = ProcessHandle.current().info().command().orElse("java");
      return List.of(
          java,
          "-Xms8m",
          "-Xmx24m",
          "-Xss256k",
          "-XX:+UseSerialGC",
          "-XX:TieredStopAtLevel=1",
          "-XX:CICompilerCount=1",
          "-XX:ReservedCodeCacheSize=8m",
          "-XX:MaxMetaspaceSize=32m",
          "-Xshare:auto",
          "-cp",
          absoluteClassPath(),
          VmHttpService.class.getName());
    }
    return image.command;
  }

  /** The daemon's class path with every entry made absolute: VMs run in their own directory. */
  private static String absoluteClassPath() {
    String separator = java.io.File.pathSeparator;
    return java.util.Arrays.stream(System.getProperty("java.class.path").split(separator))
        .map(
            entry ->
                entry.endsWith("*")
                    ? Path.of(entry.substring(0, entry.length() - 1)).toAbsolutePath() + "/*"
                    : Path.of(entry).toAbsolutePath().toString())
        .collect(java.util.stream.Collectors.joining(separator));
  }

  static Optional<Long> startTicks(long pid) {
    try {
      String[] fields = statFields(pid);
      return Optional.of(Long.parseLong(fields[19]));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static long cpuTicks(long pid) throws IOException {
    String[] fields = statFields(pid);
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  /** Fields of /proc/pid/stat after the command name (field 3 is index 0). */
  private static String[] statFields(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
  }

  private static long rssBytes(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    return 0;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
