package io.stratus.cloud.local.daemon;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * {@code <data-dir>/localcloud.properties}, written with defaults on first start:
 *
 * <ul>
 *   <li>{@code port} (7440) the API's port on 127.0.0.1
 *   <li>{@code regions} ({@code local-1,sim-1}) the regions, each with two data centres {@code
 *       <region>a} and {@code <region>b}
 *   <li>{@code region.<r>.mode} {@code process} (VMs are processes) or {@code simulated} (records)
 *   <li>{@code region.<r>.boot-time} (simulated; default 2s) how long a VM stays pending
 *   <li>{@code region.<r>.error-rate} (simulated; default 0) share of calls answered with an error
 *   <li>{@code region.<r>.error-types} ({@code throttling,capacity,communication}) which errors
 *   <li>{@code region.<r>.seed-vms} (simulated; default 0) VMs created at start, RUNNING, named
 *       {@code seed-<n>}, until the region holds that many: for scale tests
 *   <li>{@code region.<r>.seed-volumes}, {@code seed-snapshots}, {@code seed-ips} (at most 60000),
 *       {@code seed-firewalls} and {@code seed-rules-per-firewall} (at most 100) (simulated;
 *       default 0) the same for the other kinds: records created at start until the region holds
 *       that many (snapshots of seeded volumes, addresses unassigned)
 *   <li>{@code image.<id>.name}, {@code image.<id>.command} (space-separated), {@code
 *       image.<id>.readiness} ({@code http}: answers on port 8080 of the VM's address; {@code
 *       process}: alive for a second): extra catalogue images in every region
 *   <li>{@code agent.command} (the {@code stratus-agent} launcher beside this daemon's, which the
 *       {@code stratus-localcloud} launcher passes as {@value #AGENT_PROPERTY}) how to start the
 *       guest agent of the built-in image {@code img-agent}, space-separated; the agent is given
 *       {@code --home <vm-dir>/agent}. Empty: no agent, and no {@code img-agent}
 *   <li>{@code terminated-retention} (10m) how long a terminated VM stays listed
 *   <li>{@code vm-address-start} (1) the first of the 65,534 host numbers in 127.42.0.0/16 to hand
 *       out; two clouds on one machine use different starts so their VMs never share an address
 * </ul>
 */
final class DaemonSettings {
  static final String FILE = "localcloud.properties";

  /** The system property naming the guest agent's launcher (set by {@code stratus-localcloud}). */
  static final String AGENT_PROPERTY = "stratus.localcloud.agent";

  /** One region's configuration. */
  record RegionSettings(
      String id,
      boolean simulated,
      Duration bootTime,
      double errorRate,
      List<String> errorTypes,
      int seedVms,
      SeedCounts seeds) {}

  /**
   * What a simulated region is seeded with besides VMs, for scale tests of every resource kind.
   *
   * @param rules rules per seeded firewall
   */
  record SeedCounts(int volumes, int snapshots, int ips, int firewalls, int rules) {
    static final SeedCounts NONE = new SeedCounts(0, 0, 0, 0, 0);
  }

  /** {@code region.<r>.seed-<what>}: 0..max, and only in a simulated region. */
  private static int seedCount(
      Properties p, Path file, String region, String mode, String what, int max) {
    String key = "region." + region + ".seed-" + what;
    int count = intValue(p, file, key, 0);
    if (count < 0 || count > max || (count > 0 && !mode.equals("simulated"))) {
      throw new IllegalArgumentException(
          file + ": " + key + " must be 0.." + max + ", and only in a simulated region");
    }
    return count;
  }

  /** An extra catalogue image. */
  record ImageSettings(String id, String name, List<String> command, String readiness) {}

  final int port;
  final Map<String, RegionSettings> regions;
  final List<ImageSettings> images;
  final List<String> agentCommand;
  final Duration terminatedRetention;
  final int vmAddressStart;

  private DaemonSettings(
      int port,
      Map<String, RegionSettings> regions,
      List<ImageSettings> images,
      List<String> agentCommand,
      Duration terminatedRetention,
      int vmAddressStart) {
    this.port = port;
    this.regions = regions;
    this.images = images;
    this.agentCommand = agentCommand;
    this.terminatedRetention = terminatedRetention;
    this.vmAddressStart = vmAddressStart;
  }

  static DaemonSettings loadOrCreate(Path dataDir, Integer portOverride) throws IOException {
    Path file = dataDir.resolve(FILE);
    if (!Files.exists(file)) {
      try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        w.write(
            """
            # The local cloud's configuration (see docs/local-cloud.md).
            port=7440
            regions=local-1,sim-1
            region.local-1.mode=process
            region.sim-1.mode=simulated
            region.sim-1.boot-time=2s
            region.sim-1.error-rate=0
            region.sim-1.error-types=throttling,capacity,communication
            terminated-retention=10m
            """);
      }
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    int port = portOverride != null ? portOverride : intValue(p, file, "port", 7440);
    Map<String, RegionSettings> regions = new LinkedHashMap<>();
    for (String id : list(p.getProperty("regions", "local-1"))) {
      if (!id.matches("[a-z0-9-]{1,32}")) {
        throw new IllegalArgumentException(file + ": region name '" + id + "' is not a-z0-9-");
      }
      String mode = p.getProperty("region." + id + ".mode", "process").strip();
      if (!mode.equals("process") && !mode.equals("simulated")) {
        throw new IllegalArgumentException(
            file + ": region." + id + ".mode must be process or simulated, not " + mode);
      }
      double rate = Double.parseDouble(p.getProperty("region." + id + ".error-rate", "0").strip());
      if (rate < 0 || rate > 1) {
        throw new IllegalArgumentException(file + ": region." + id + ".error-rate must be 0..1");
      }
      List<String> types =
          list(p.getProperty("region." + id + ".error-types", "throttling,capacity,communication"));
      for (String type : types) {
        if (!List.of("throttling", "capacity", "communication").contains(type)) {
          throw new IllegalArgumentException(
              file + ": region." + id + ".error-types: unknown type " + type);
        }
      }
      int seed = intValue(p, file, "region." + id + ".seed-vms", 0);
      if (seed < 0 || seed > 2_000_000 || (seed > 0 && !mode.equals("simulated"))) {
        throw new IllegalArgumentException(
            file
                + ": region."
                + id
                + ".seed-vms must be 0..2000000, and only in a simulated region");
      }
      regions.put(
          id,
          new RegionSettings(
              id,
              mode.equals("simulated"),
              duration(p.getProperty("region." + id + ".boot-time", "2s"), file, id),
              rate,
              types,
              seed,
              new SeedCounts(
                  seedCount(p, file, id, mode, "volumes", 2_000_000),
                  seedCount(p, file, id, mode, "snapshots", 2_000_000),
                  seedCount(p, file, id, mode, "ips", 60_000),
                  seedCount(p, file, id, mode, "firewalls", 2_000_000),
                  seedCount(p, file, id, mode, "rules-per-firewall", 100))));
    }
    List<ImageSettings> images = new ArrayList<>();
    for (String key : p.stringPropertyNames()) {
      if (key.startsWith("image.") && key.endsWith(".command")) {
        String id = key.substring("image.".length(), key.length() - ".command".length());
        images.add(
            new ImageSettings(
                id,
                p.getProperty("image." + id + ".name", id),
                list(p.getProperty(key).replace(' ', ',')),
                p.getProperty("image." + id + ".readiness", "process")));
      }
    }
    Duration retention = duration(p.getProperty("terminated-retention", "10m"), file, "retention");
    int addressStart = intValue(p, file, "vm-address-start", 1);
    if (addressStart < 1 || addressStart > 65_000) {
      throw new IllegalArgumentException(file + ": vm-address-start must be 1..65000");
    }
    List<String> agent =
        p.containsKey("agent.command")
            ? list(p.getProperty("agent.command").replace(' ', ','))
            : defaultAgentCommand(System.getProperty(AGENT_PROPERTY));
    return new DaemonSettings(port, regions, images, agent, retention, addressStart);
  }

  /** The launcher named by the system property, if it is there and executable; else none. */
  static List<String> defaultAgentCommand(String launcher) {
    if (launcher == null || launcher.isBlank()) {
      return List.of();
    }
    Path path = Path.of(launcher.strip());
    return Files.isRegularFile(path) && Files.isExecutable(path)
        ? List.of(path.toAbsolutePath().normalize().toString())
        : List.of();
  }

  private static int intValue(Properties p, Path file, String key, int defaultValue) {
    String value = p.getProperty(key);
    try {
      return value == null ? defaultValue : Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(file + ": " + key + " must be a number");
    }
  }

  private static List<String> list(String value) {
    return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  static Duration duration(String value, Path file, String what) {
    String v = value.strip().toLowerCase(Locale.ROOT);
    try {
      if (v.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
      } else if (v.endsWith("s")) {
        return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)));
      } else if (v.endsWith("m")) {
        return Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw new IllegalArgumentException(
        file + ": " + what + " '" + value + "' is not like 2s or 500ms");
  }
}
