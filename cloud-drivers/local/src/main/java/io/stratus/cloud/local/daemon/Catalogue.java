package io.stratus.cloud.local.daemon;

import java.util.List;

/** The fixed offer of every region: data centres, machine sizes, volume kinds, built-in images. */
final class Catalogue {
  /**
   * The machine the VMs run on, as the JVM names it ({@code amd64}, {@code aarch64}, ...): a VM is
   * a process of this host, so every size and image runs on its architecture.
   */
  static final String MACHINE = System.getProperty("os.arch");

  /** A machine size; {@code architecture} is the host's machine name. */
  record Product(
      String id, String name, int cpuCount, int ramMb, int rootVolumeGb, String architecture) {}

  static final List<Product> PRODUCTS =
      List.of(
          new Product("small", "Small (1 CPU, 256 MB)", 1, 256, 1, MACHINE),
          new Product("medium", "Medium (2 CPU, 512 MB)", 2, 512, 2, MACHINE),
          new Product("large", "Large (4 CPU, 1 GB)", 4, 1024, 4, MACHINE));

  static final int MIN_VOLUME_GB = 1;
  static final int MAX_VOLUME_GB = 1024;

  private Catalogue() {}

  static List<String> dataCenters(String region) {
    return List.of(region + "a", region + "b");
  }

  static Product product(String id) {
    return PRODUCTS.stream()
        .filter(p -> p.id().equals(id))
        .findFirst()
        .orElseThrow(() -> ApiException.badRequest("unknown product '" + id + "'"));
  }

  /**
   * Adds the built-in and configured images a region lacks; {@code img-agent} only when the daemon
   * knows how to start the guest agent ({@code withAgent}).
   */
  static boolean ensureImages(
      RegionState region, List<DaemonSettings.ImageSettings> extra, boolean withAgent) {
    boolean added = false;
    if (withAgent
        && ensure(
            region,
            "img-agent",
            "Stratus guest agent",
            "the Stratus guest agent on port 2003 of the VM's address",
            List.of(),
            "process")) {
      region.images.get("img-agent").agent = true;
      added = true;
    }
    added |=
        ensure(
            region,
            "img-http",
            "Stratus HTTP service",
            "a small HTTP service on port 8080 of the VM's address",
            List.of(),
            "http");
    added |=
        ensure(
            region,
            "img-sleep",
            "Idle process",
            "a process that sleeps until stopped",
            List.of("sleep", "infinity"),
            "process");
    for (DaemonSettings.ImageSettings image : extra) {
      added |=
          ensure(
              region,
              image.id(),
              image.name(),
              "configured image",
              image.command(),
              image.readiness());
    }
    return added;
  }

  private static boolean ensure(
      RegionState region,
      String id,
      String name,
      String description,
      List<String> command,
      String readiness) {
    if (region.images.containsKey(id)) {
      return false;
    }
    Records.Image image = new Records.Image();
    image.id = id;
    image.region = region.region;
    image.name = name;
    image.description = description;
    image.command = List.copyOf(command);
    image.readiness = readiness;
    image.builtin = true;
    image.state = "ACTIVE";
    region.images.put(id, image);
    return true;
  }
}
