package io.stratus.cloud.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratus.cloud.spi.CloudErrorType;
import io.stratus.cloud.spi.CloudException;
import io.stratus.cloud.spi.CloudProvider;
import io.stratus.cloud.spi.CloudProviders;
import io.stratus.cloud.spi.ProviderContext;
import io.stratus.cloud.spi.compute.VirtualMachine;
import io.stratus.cloud.spi.compute.VirtualMachineSupport;
import io.stratus.cloud.spi.compute.VmLaunchOptions;
import io.stratus.cloud.spi.compute.VmSample;
import io.stratus.cloud.spi.compute.VmState;
import io.stratus.cloud.spi.compute.VolumeSupport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LocalCloudDaemonIT {
  private static LocalCloudProcess cloud;
  private static VirtualMachineSupport vms;
  private static SignedHttp http;

  @BeforeAll
  static void startCloud() throws IOException {
    cloud =
        LocalCloudProcess.start(
            Files.createTempDirectory("localcloud-daemon-"),
            """
            regions=local-1,flaky-1
            region.local-1.mode=process
            region.flaky-1.mode=simulated
            region.flaky-1.boot-time=100ms
            region.flaky-1.error-rate=0.5
            """);
    vms = vmsOf(cloud.provider("local-1"));
    http = new SignedHttp(cloud.port(), cloud.credentials());
  }

  @AfterAll
  static void stopCloud() {
    cloud.close();
  }

  private static VirtualMachineSupport vmsOf(CloudProvider provider) {
    return provider.compute().orElseThrow().virtualMachines().orElseThrow();
  }

  private static VirtualMachine await(
      VirtualMachineSupport support, String id, VmState state, Duration limit)
      throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    VirtualMachine vm = null;
    while (System.nanoTime() < deadline) {
      vm = support.get(id).orElseThrow();
      if (vm.state() == state) {
        return vm;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(id + " not " + state + " within " + limit + ": " + vm);
  }

  private static String answer(String address) throws IOException, InterruptedException {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://" + address + ":8080/"))
                .timeout(Duration.ofSeconds(5))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  @Test
  void shouldKeepRunningVmsAcrossADaemonRestart() throws Exception {
    VirtualMachine vm = vms.launch(VmLaunchOptions.of("img-http", "small", "survivor"));
    VirtualMachine running = await(vms, vm.id(), VmState.RUNNING, Duration.ofSeconds(30));
    assertEquals("vm " + vm.id() + " ok\n", answer(running.privateAddress()));

    cloud.restart();

    VirtualMachine after = vms.get(vm.id()).orElseThrow();
    assertEquals(VmState.RUNNING, after.state());
    assertEquals(running.privateAddress(), after.privateAddress());
    assertEquals("vm " + vm.id() + " ok\n", answer(after.privateAddress()));
    vms.stop(vm.id());
    assertEquals(VmState.STOPPED, vms.get(vm.id()).orElseThrow().state());
    vms.terminate(vm.id());
  }

  @Test
  void shouldReportAVmKilledFromOutsideAsStopped() throws Exception {
    VirtualMachine vm = vms.launch(VmLaunchOptions.of("img-http", "small", "victim"));
    await(vms, vm.id(), VmState.RUNNING, Duration.ofSeconds(30));
    ProcessHandle process = processOf(vm.id());
    process.destroyForcibly();
    long killedAt = System.nanoTime();
    VirtualMachine stopped = await(vms, vm.id(), VmState.STOPPED, Duration.ofSeconds(5));
    assertTrue(System.nanoTime() - killedAt < Duration.ofSeconds(5).toNanos());
    assertNotNull(stopped.stateReason());
    assertTrue(stopped.stateReason().contains("exited"), stopped.stateReason());
    vms.start(vm.id());
    await(vms, vm.id(), VmState.RUNNING, Duration.ofSeconds(30));
    vms.terminate(vm.id());
  }

  @Test
  void shouldServeUserDataOnlyToTheVmsOwnToken() throws Exception {
    VirtualMachine a =
        vms.launch(VmLaunchOptions.of("img-sleep", "small", "meta-a").withUserData("role=web"));
    VirtualMachine b =
        vms.launch(VmLaunchOptions.of("img-sleep", "small", "meta-b").withUserData("role=db"));
    await(vms, a.id(), VmState.RUNNING, Duration.ofSeconds(30));
    await(vms, b.id(), VmState.RUNNING, Duration.ofSeconds(30));
    String tokenA = environment(processOf(a.id())).get("STRATUS_VM_TOKEN");
    String tokenB = environment(processOf(b.id())).get("STRATUS_VM_TOKEN");
    assertEquals("role=web", http.metadata(a.id(), tokenA).body());
    assertEquals(403, http.metadata(a.id(), tokenB).statusCode());
    assertEquals(403, http.metadata(a.id(), null).statusCode());
    assertEquals(404, http.metadata("vm-nope", tokenA).statusCode());
    vms.terminate(a.id());
    vms.terminate(b.id());
  }

  @Test
  void shouldLinkAnAttachedVolumeIntoTheVmsDirectory() throws Exception {
    VolumeSupport volumes =
        cloud.provider("local-1").compute().orElseThrow().volumes().orElseThrow();
    VirtualMachine vm = vms.launch(VmLaunchOptions.of("img-sleep", "small", "disk-owner"));
    await(vms, vm.id(), VmState.RUNNING, Duration.ofSeconds(30));
    var volume = volumes.create("data", 2, null);
    volumes.attach(volume.id(), vm.id(), "vdb");
    Path device = cloud.dataDir().resolve("vms").resolve(vm.id()).resolve("volumes").resolve("vdb");
    assertTrue(Files.isSymbolicLink(device));
    assertEquals(2L * 1024 * 1024 * 1024, Files.size(device));
    volumes.detach(volume.id());
    assertFalse(Files.exists(device));
    volumes.remove(volume.id());
    vms.terminate(vm.id());
  }

  @Test
  void shouldSampleARunningProcess() throws Exception {
    VirtualMachine vm = vms.launch(VmLaunchOptions.of("img-http", "small", "sampled"));
    await(vms, vm.id(), VmState.RUNNING, Duration.ofSeconds(30));
    VmSample sample = vms.sample(vm.id()).orElseThrow();
    assertTrue(sample.memoryBytes() > 1_000_000, "rss " + sample.memoryBytes());
    assertTrue(sample.cpuPercent() >= 0);
    vms.stop(vm.id());
    assertTrue(vms.sample(vm.id()).isEmpty());
    vms.terminate(vm.id());
  }

  @Test
  void shouldAnswerBadInputWithAClientError() throws Exception {
    String base = "/regions/local-1";
    assertEquals(400, http.send("POST", base + "/vms", "{not json").statusCode());
    assertEquals(400, http.send("POST", base + "/vms", "[1,2]").statusCode());
    assertEquals(
        400,
        http.send(
                "POST",
                base + "/vms",
                "{\"imageId\": 5, \"productId\": \"small\", \"name\": \"x\"}")
            .statusCode());
    assertEquals(
        400,
        http.send(
                "POST",
                base + "/vms",
                "{\"imageId\": \"img-http\", \"productId\": \"small\", \"name\": \"../etc\"}")
            .statusCode());
    assertEquals(404, http.send("GET", base + "/vms/vm-local-1-999999999", "").statusCode());
    assertEquals(404, http.send("GET", "/regions/nowhere/vms", "").statusCode());
    assertEquals(
        400,
        http.send("POST", base + "/volumes", "{\"name\": \"v\", \"sizeGb\": -5}").statusCode());
    assertEquals(
        400,
        http.send("POST", base + "/volumes", "{\"name\": \"v\", \"sizeGb\": \"ten\"}")
            .statusCode());
    assertEquals(400, http.send("GET", base + "/vms?pageSize=0", "").statusCode());
    assertEquals(404, http.send("GET", "/no/such/path", "").statusCode());
    assertEquals(405, http.send("PUT", base + "/vms", "{}").statusCode());
    assertEquals(401, http.send("GET", base + "/vms", new byte[0], false).statusCode());
    assertTrue(oversizedAnswer(base + "/vms").startsWith("HTTP/1.1 413"));
    HttpResponse<String> error =
        http.send("POST", base + "/volumes", "{\"name\": \"v\", \"sizeGb\": -5}");
    assertTrue(error.body().contains("\"message\""), error.body());
  }

  @Test
  void shouldRefuseWrongCredentialsAsAnAuthenticationError() throws Exception {
    var factory = CloudProviders.byName("local");
    Map<String, String> wrong = new HashMap<>(cloud.credentials());
    wrong.put("secretKey", "not-the-secret");
    CloudProvider provider =
        factory.connect(new ProviderContext(factory.contextFields(), wrong, "local-1"));
    CloudException e = assertThrows(CloudException.class, provider::testConnection);
    assertEquals(CloudErrorType.AUTHENTICATION, e.type());
    assertFalse(e.getMessage().contains("not-the-secret"));
    assertFalse(provider.context().toString().contains("not-the-secret"));
  }

  @Test
  void shouldAnswerAShareOfCallsInAFlakyRegionWithRetryableErrors() throws Exception {
    VirtualMachineSupport flaky = vmsOf(cloud.provider("flaky-1"));
    Map<CloudErrorType, Integer> errors = new EnumMap<>(CloudErrorType.class);
    int ok = 0;
    for (int i = 0; i < 60; i++) {
      try {
        flaky.listProducts();
        ok++;
      } catch (CloudException e) {
        assertTrue(e.isRetryable(), e.type() + " is not retryable");
        errors.merge(e.type(), 1, Integer::sum);
      }
    }
    assertTrue(ok > 10 && ok < 50, "successes " + ok);
    assertTrue(
        errors
            .keySet()
            .containsAll(
                List.of(
                    CloudErrorType.THROTTLING,
                    CloudErrorType.CAPACITY,
                    CloudErrorType.COMMUNICATION)),
        errors.toString());
  }

  /** Announces a 2 MiB body and sends none: the daemon must refuse on the length alone. */
  private static String oversizedAnswer(String path) throws IOException {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", cloud.port())) {
      socket.setSoTimeout(5000);
      String request =
          "POST "
              + path
              + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
              + "Content-Length: 2097152\r\n\r\n";
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      return new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
    }
  }

  private ProcessHandle processOf(String vmId) {
    Path dir = cloud.dataDir().resolve("vms").resolve(vmId).toAbsolutePath();
    return cloud.vmProcesses().stream()
        .filter(
            h -> {
              try {
                return Files.readSymbolicLink(Path.of("/proc", Long.toString(h.pid()), "cwd"))
                    .equals(dir);
              } catch (IOException e) {
                return false;
              }
            })
        .findFirst()
        .orElseThrow(() -> new AssertionError("no process for " + vmId));
  }

  private static Map<String, String> environment(ProcessHandle process) throws IOException {
    Map<String, String> env = new HashMap<>();
    byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "environ"));
    for (String entry : new String(raw, StandardCharsets.UTF_8).split("\0")) {
      int eq = entry.indexOf('=');
      if (eq > 0) {
        env.put(entry.substring(0, eq), entry.substring(eq + 1));
      }
    }
    return env;
  }
}
