package io.stratus.cloud.local.bench;

import io.stratus.cloud.local.LocalCloudProcess;
import io.stratus.cloud.spi.Page;
import io.stratus.cloud.spi.PageRequest;
import io.stratus.cloud.spi.compute.VirtualMachine;
import io.stratus.cloud.spi.compute.VirtualMachineSupport;
import io.stratus.cloud.spi.compute.VmFilter;
import io.stratus.cloud.spi.compute.VmLaunchOptions;
import io.stratus.cloud.spi.compute.VmState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The local cloud's benchmarks (see docs/benchmarks.md): listing 100,000 simulated VMs through the
 * driver, launching 50 process VMs, and the memory each process VM takes. Run with {@code ./mvnw -q
 * -pl cloud-drivers/local -am test-compile} then the command in docs/benchmarks.md.
 */
public final class LocalCloudBenchmark {
  private LocalCloudBenchmark() {}

  public static void main(String[] args) throws Exception {
    int simulated = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int processes = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    Path dir = Files.createTempDirectory("localcloud-bench-");
    try (LocalCloudProcess cloud =
        LocalCloudProcess.start(
            dir,
            "regions=local-1,sim-1\nregion.local-1.mode=process\n"
                + "region.sim-1.mode=simulated\nregion.sim-1.boot-time=0ms\n"
                + "region.sim-1.seed-vms="
                + simulated
                + "\n")) {
      listSimulated(cloud, simulated);
      launchProcesses(cloud, processes);
    }
  }

  private static void listSimulated(LocalCloudProcess cloud, int count) throws Exception {
    VirtualMachineSupport vms =
        cloud.provider("sim-1").compute().orElseThrow().virtualMachines().orElseThrow();
    for (int round = 1; round <= 3; round++) {
      long start = System.nanoTime();
      int seen = 0;
      int pages = 0;
      PageRequest request = PageRequest.first(1000);
      while (true) {
        Page<VirtualMachine> page = vms.list(VmFilter.ALL, request);
        seen += page.items().size();
        pages++;
        if (!page.hasNext()) {
          break;
        }
        request = request.next(page);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          "round %d: listed %d simulated VMs in %d pages of 1000 in %.2f s (%.0f VMs/s)%n",
          round, seen, pages, seconds, seen / seconds);
    }
    int launches = 2000;
    long t0 = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      int thread = t;
      futures.add(
          pool.submit(
              () -> {
                for (int i = 0; i < launches / 8; i++) {
                  vms.launch(VmLaunchOptions.of("img-http", "small", "bench-" + thread + "-" + i));
                }
                return null;
              }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    pool.shutdown();
    double seconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf(
        "launched %d more simulated VMs through the driver from 8 threads in %.1f s (%.0f launches/s)%n",
        launches, seconds, launches / seconds);
  }

  private static void launchProcesses(LocalCloudProcess cloud, int count) throws Exception {
    VirtualMachineSupport vms =
        cloud.provider("local-1").compute().orElseThrow().virtualMachines().orElseThrow();
    long start = System.nanoTime();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(vms.launch(VmLaunchOptions.of("img-http", "small", "proc-" + i)).id());
    }
    double accepted = (System.nanoTime() - start) / 1e9;
    long deadline = System.nanoTime() + 300_000_000_000L;
    for (String id : ids) {
      VirtualMachine vm;
      while ((vm = vms.get(id).orElseThrow()).state() != VmState.RUNNING) {
        if (vm.state() == VmState.STOPPED || System.nanoTime() > deadline) {
          throw new IllegalStateException(
              id + " did not boot: " + vm.state() + " " + vm.stateReason());
        }
        Thread.sleep(50);
      }
    }
    double running = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "launched %d process VMs: accepted in %.1f s, all running after %.1f s%n",
        count, accepted, running);
    long totalRss = 0;
    for (String id : ids) {
      totalRss += vms.sample(id).orElseThrow().memoryBytes();
    }
    System.out.printf(
        "resident memory per process VM (img-http, a small JVM): %.1f MB on average%n",
        totalRss / (double) ids.size() / 1024 / 1024);
    for (String id : ids) {
      vms.terminate(id);
    }
  }
}
