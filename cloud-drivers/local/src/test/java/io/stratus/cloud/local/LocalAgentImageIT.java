package io.stratus.cloud.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratus.cloud.spi.CloudException;
import io.stratus.cloud.spi.compute.VirtualMachine;
import io.stratus.cloud.spi.compute.VirtualMachineSupport;
import io.stratus.cloud.spi.compute.VmLaunchOptions;
import io.stratus.cloud.spi.compute.VmState;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The built-in image {@code img-agent}: the guest agent run in a process VM. */
class LocalAgentImageIT {
  private static final String PROCESS_REGION = "regions=local-1\nregion.local-1.mode=process\n";

  @Test
  void shouldRunTheAgentWithItsHomeInTheVmsDirectoryAndTheVmsEnvironment() throws Exception {
    Path dir = Files.createTempDirectory("localcloud-agent-");
    // Stands in for stratus-agent: records how it was started, then idles like a daemon.
    Path fakeAgent = dir.resolve("fake-agent");
    Files.writeString(
        fakeAgent,
        "#!/bin/sh\n[ \"$1\" = --home ] || exit 9\nmkdir -p \"$2\"\n"
            + "printf '%s\\n' \"$@\" > \"$2/args\"\nenv | grep '^STRATUS_' > \"$2/env\"\n"
            + "exec sleep 300\n");
    Files.setPosixFilePermissions(fakeAgent, PosixFilePermissions.fromString("rwx------"));
    try (LocalCloudProcess cloud =
        LocalCloudProcess.start(
            dir.resolve("data"), PROCESS_REGION + "agent.command=" + fakeAgent + "\n")) {
      VirtualMachineSupport vms =
          cloud.provider("local-1").compute().orElseThrow().virtualMachines().orElseThrow();
      VirtualMachine vm =
          vms.launch(
              VmLaunchOptions.of("img-agent", "small", "with-agent")
                  .withUserData("stratus.agent.server-id=42"));
      Path home = cloud.dataDir().resolve("vms").resolve(vm.id()).resolve("agent");
      awaitFile(home.resolve("env"));
      assertEquals(
          List.of("--home", home.toAbsolutePath().toString()),
          Files.readAllLines(home.resolve("args")));
      Properties env = new Properties();
      env.load(Files.newBufferedReader(home.resolve("env")));
      assertEquals(vm.id(), env.getProperty("STRATUS_VM_ID"));
      assertEquals(
          vms.get(vm.id()).orElseThrow().privateAddress(), env.getProperty("STRATUS_VM_ADDRESS"));
      assertTrue(
          env.getProperty("STRATUS_METADATA_URL").endsWith("/metadata/" + vm.id() + "/user-data"));
      assertFalse(env.getProperty("STRATUS_VM_TOKEN").isEmpty());
      await(vms, vm.id(), VmState.RUNNING);
      vms.terminate(vm.id());
    }
  }

  @Test
  void shouldNotOfferTheAgentImageWithoutAnAgent() throws Exception {
    try (LocalCloudProcess cloud =
        LocalCloudProcess.start(Files.createTempDirectory("localcloud-noagent-"), PROCESS_REGION)) {
      SignedHttp http = new SignedHttp(cloud.port(), cloud.credentials());
      String images = http.send("GET", "/regions/local-1/images", "").body();
      assertTrue(images.contains("img-sleep"), images);
      assertFalse(images.contains("img-agent"), images);
      VirtualMachineSupport vms =
          cloud.provider("local-1").compute().orElseThrow().virtualMachines().orElseThrow();
      CloudException e =
          assertThrows(
              CloudException.class,
              () -> vms.launch(VmLaunchOptions.of("img-agent", "small", "no-agent")));
      assertEquals(404, e.httpCode());
    }
  }

  @Test
  void shouldFindTheAgentOfTheSourceCheckoutThroughItsLauncher() throws Exception {
    Path launcher = Path.of("src/main/dist/bin/stratus-localcloud").toAbsolutePath();
    Path agent =
        Path.of("../../guest-agent/src/main/dist/bin/stratus-agent").toAbsolutePath().normalize();
    Path data = Files.createTempDirectory("localcloud-launcher-");
    Files.writeString(
        data.resolve("localcloud.properties"),
        PROCESS_REGION + "vm-address-start=" + (1000 + (int) (Math.random() * 60_000)) + "\n");
    Process process =
        new ProcessBuilder("sh", launcher.toString(), "--data-dir", data.toString(), "--port", "0")
            .redirectErrorStream(true)
            .start();
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String line;
      int port = -1;
      StringBuilder seen = new StringBuilder();
      while ((line = out.readLine()) != null) {
        seen.append(line).append('\n');
        if (line.startsWith("stratus-localcloud ready on port ")) {
          port =
              Integer.parseInt(
                  line.substring("stratus-localcloud ready on port ".length()).strip());
          break;
        }
      }
      assertTrue(port > 0, seen.toString());
      Properties credentials = new Properties();
      credentials.load(Files.newBufferedReader(data.resolve("credentials.properties")));
      SignedHttp http =
          new SignedHttp(
              port,
              Map.of(
                  "accessKey", credentials.getProperty("access-key"),
                  "secretKey", credentials.getProperty("secret-key")));
      String images = http.send("GET", "/regions/local-1/images", "").body();
      assertEquals(Files.isExecutable(agent), images.contains("img-agent"), images);
      assertTrue(Files.isExecutable(agent), "the checkout's agent launcher is at " + agent);
    } finally {
      process.destroy();
      process.waitFor(20, TimeUnit.SECONDS);
    }
  }

  private static void awaitFile(Path file) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline && !Files.exists(file)) {
      Thread.sleep(50);
    }
    assertTrue(Files.exists(file), file + " was not written");
    Thread.sleep(100);
  }

  private static void await(VirtualMachineSupport vms, String id, VmState state) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      if (vms.get(id).orElseThrow().state() == state) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(id + " not " + state);
  }
}
