package io.stratus.agent.system;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the VM looks like, from {@code /proc}: uptime, load, memory, disks ({@code GET /status}),
 * and a CPU and memory sample ({@code GET /sample}). CPU use is the share of non-idle time in
 * {@code /proc/stat} since the previous sample when that was between a quarter of a second and five
 * minutes ago, otherwise over a fresh quarter-second window.
 */
public final class SystemInfo {
  private static final long MIN_WINDOW_NANOS = 250_000_000L;
  private static final long MAX_WINDOW_NANOS = 300_000_000_000L;
  private static final Set<String> SKIPPED_FS =
      Set.of("squashfs", "iso9660", "tmpfs", "devtmpfs", "proc", "sysfs", "cgroup", "cgroup2");

  private final Path proc;
  private CpuTimes last;

  /** Reads {@code proc} (normally {@code /proc}). */
  public SystemInfo(Path proc) {
    this.proc = proc;
  }

  record CpuTimes(long busy, long total, long atNanos) {}

  /** {@code uptimeSeconds}, {@code load}, {@code memory}, {@code disks}. */
  public Map<String, Object> status() throws IOException {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("uptimeSeconds", uptimeSeconds(read("uptime")));
    json.put("load", load(read("loadavg")));
    long[] memory = memory(read("meminfo"));
    Map<String, Object> mem = new LinkedHashMap<>();
    mem.put("totalBytes", memory[0]);
    mem.put("availableBytes", memory[1]);
    json.put("memory", mem);
    List<Map<String, Object>> disks = new ArrayList<>();
    for (String mountPoint : mountPoints(read("mounts"))) {
      File dir = new File(mountPoint);
      long total = dir.getTotalSpace();
      if (total <= 0) {
        continue;
      }
      Map<String, Object> disk = new LinkedHashMap<>();
      disk.put("path", mountPoint);
      disk.put("totalBytes", total);
      disk.put("freeBytes", dir.getUsableSpace());
      disks.add(disk);
    }
    json.put("disks", disks);
    return json;
  }

  /** {@code cpuPercent}, {@code memoryPercent}, {@code sampledAt}. */
  public Map<String, Object> sample() throws IOException {
    CpuTimes now = cpu(read("stat"), System.nanoTime());
    CpuTimes before;
    synchronized (this) {
      before = last;
    }
    long age = before == null ? -1 : now.atNanos - before.atNanos;
    if (before == null || age < MIN_WINDOW_NANOS || age > MAX_WINDOW_NANOS) {
      before = now;
      try {
        Thread.sleep(MIN_WINDOW_NANOS / 1_000_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      now = cpu(read("stat"), System.nanoTime());
    }
    synchronized (this) {
      last = now;
    }
    long[] memory = memory(read("meminfo"));
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("cpuPercent", round(cpuPercent(before, now)));
    json.put(
        "memoryPercent", round(memory[0] <= 0 ? 0 : 100.0 * (memory[0] - memory[1]) / memory[0]));
    json.put("sampledAt", Instant.now().toString());
    return json;
  }

  private String read(String name) throws IOException {
    return Files.readString(proc.resolve(name));
  }

  static long uptimeSeconds(String uptime) {
    return (long) Double.parseDouble(uptime.strip().split("\\s+")[0]);
  }

  static List<Double> load(String loadavg) {
    String[] f = loadavg.strip().split("\\s+");
    return List.of(Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]));
  }

  /** {total, available} in bytes. */
  static long[] memory(String meminfo) {
    long total = 0;
    long available = -1;
    long free = 0;
    long buffers = 0;
    long cached = 0;
    for (String line : meminfo.split("\n")) {
      String[] f = line.split("\\s+");
      if (f.length < 2) {
        continue;
      }
      long kib = Long.parseLong(f[1]);
      switch (f[0]) {
        case "MemTotal:" -> total = kib;
        case "MemAvailable:" -> available = kib;
        case "MemFree:" -> free = kib;
        case "Buffers:" -> buffers = kib;
        case "Cached:" -> cached = kib;
        default -> {}
      }
    }
    if (available < 0) {
      available = free + buffers + cached; // kernels before 3.14
    }
    return new long[] {total * 1024, available * 1024};
  }

  /** Mount points of real file systems, one per device, {@code /} always first. */
  static List<String> mountPoints(String mounts) {
    List<String> points = new ArrayList<>();
    Set<String> devices = new HashSet<>();
    points.add("/");
    for (String line : mounts.split("\n")) {
      String[] f = line.split(" ");
      if (f.length < 3) {
        continue;
      }
      String device = f[0];
      String point = f[1].replace("\\040", " ");
      if (!device.startsWith("/dev/") || SKIPPED_FS.contains(f[2]) || point.equals("/")) {
        continue;
      }
      if (devices.add(device) && !points.contains(point)) {
        points.add(point);
      }
    }
    return points;
  }

  static CpuTimes cpu(String stat, long atNanos) {
    for (String line : stat.split("\n")) {
      if (line.startsWith("cpu ")) {
        String[] f = line.strip().split("\\s+");
        long total = 0;
        // user nice system idle iowait irq softirq steal (guest time is already in user)
        for (int i = 1; i <= Math.min(8, f.length - 1); i++) {
          total += Long.parseLong(f[i]);
        }
        long idle = Long.parseLong(f[4]) + (f.length > 5 ? Long.parseLong(f[5]) : 0);
        return new CpuTimes(total - idle, total, atNanos);
      }
    }
    throw new IllegalStateException("no cpu line in /proc/stat");
  }

  static double cpuPercent(CpuTimes before, CpuTimes after) {
    long total = after.total - before.total;
    if (total <= 0) {
      return 0;
    }
    return Math.max(0, Math.min(100, 100.0 * (after.busy - before.busy) / total));
  }

  private static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }
}
