package io.stratus.cloud.local.daemon;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code stratus-localcloud}: the local cloud daemon. Usage: {@code stratus-localcloud --data-dir
 * DIR [--port N]}. On first start it writes {@code localcloud.properties} and {@code
 * credentials.properties} into the data directory; its state lives there too, so VMs outlive a
 * restart of the daemon (and of the platform).
 */
public final class LocalCloudDaemon implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LocalCloudDaemon.class);

  private final CloudState state;
  private final VmService vms;
  private final ApiServer api;

  private LocalCloudDaemon(CloudState state, VmService vms, ApiServer api) {
    this.state = state;
    this.vms = vms;
    this.api = api;
  }

  /**
   * Starts the daemon on {@code dataDir}; {@code port} overrides the configured one if not null.
   */
  public static LocalCloudDaemon start(Path dataDir, Integer port) throws IOException {
    OwnerOnly.directory(dataDir);
    DaemonSettings settings = DaemonSettings.loadOrCreate(dataDir, port);
    Credentials credentials = Credentials.loadOrCreate(dataDir);
    CloudState state = new CloudState(settings, new StateStore(dataDir));
    for (RegionState region : state.regions()) {
      if (Catalogue.ensureImages(region, settings.images, !settings.agentCommand.isEmpty())) {
        state.changed(region);
      }
    }
    ProcessVms processes = new ProcessVms(dataDir, settings.port, settings.agentCommand);
    VmService vms = new VmService(state, processes);
    vms.reattach();
    vms.seed();
    SimulatedSeeds.seed(state);
    ApiServer api =
        new ApiServer(
            settings.port,
            credentials,
            state,
            vms,
            new StorageService(state, processes, dataDir),
            new NetworkService(state));
    api.start();
    log.info("Local cloud listening on http://127.0.0.1:{} (data in {})", api.port(), dataDir);
    return new LocalCloudDaemon(state, vms, api);
  }

  public int port() {
    return api.port();
  }

  @Override
  public void close() {
    api.close();
    vms.close();
    state.close();
  }

  public static void main(String[] args) throws IOException, InterruptedException {
    Path dataDir = null;
    Integer port = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--data-dir" -> dataDir = Path.of(args[++i]);
        case "--port" -> port = Integer.parseInt(args[++i]);
        default -> {
          System.err.println("usage: stratus-localcloud --data-dir DIR [--port N]");
          System.exit(2);
        }
      }
    }
    if (dataDir == null) {
      System.err.println("usage: stratus-localcloud --data-dir DIR [--port N]");
      System.exit(2);
    }
    LocalCloudDaemon daemon;
    try {
      daemon = start(dataDir, port);
    } catch (IOException | IllegalArgumentException e) {
      System.err.println("stratus-localcloud: " + e.getMessage());
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  daemon.close();
                  stopped.countDown();
                },
                "localcloud-shutdown"));
    System.out.println("stratus-localcloud ready on port " + daemon.port());
    stopped.await();
  }
}
