package io.stratus.cloud.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratus.cloud.spi.compute.VirtualMachine;
import io.stratus.cloud.spi.compute.VirtualMachineSupport;
import io.stratus.cloud.spi.compute.VmLaunchOptions;
import io.stratus.cloud.spi.compute.VmState;
import io.stratus.cloud.spi.compute.VolumeSupport;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the local cloud keeps from other local users and from a replaying eavesdropper: its state
 * (VMs' user data with agent tokens, metadata tokens) and disks are owner-only, and a signed
 * request is good once.
 */
class LocalCloudSecurityIT {
  private static LocalCloudProcess cloud;
  private static SignedHttp http;

  @BeforeAll
  static void startCloud() throws IOException {
    cloud =
        LocalCloudProcess.start(
            Files.createTempDirectory("localcloud-security-"),
            "regions=local-1\nregion.local-1.mode=process\n");
    http = new SignedHttp(cloud.port(), cloud.credentials());
  }

  @AfterAll
  static void stopCloud() {
    cloud.close();
  }

  @Test
  void shouldRefuseTheSecondUseOfASignedRequest() throws Exception {
    HttpRequest request = http.signed("GET", "/regions/local-1/products", new byte[0]);
    HttpClient client = HttpClient.newHttpClient();
    HttpResponse<String> first = client.send(request, HttpResponse.BodyHandlers.ofString());
    assertEquals(200, first.statusCode(), first.body());
    HttpResponse<String> replay = client.send(request, HttpResponse.BodyHandlers.ofString());
    assertEquals(401, replay.statusCode(), replay.body());
    assertTrue(replay.body().contains("AuthFailure"), replay.body());
    // The driver signs each call afresh, so the same call twice in a row still works.
    VirtualMachineSupport vms =
        cloud.provider("local-1").compute().orElseThrow().virtualMachines().orElseThrow();
    for (int i = 0; i < 20; i++) {
      assertEquals(3, vms.listProducts().size());
    }
  }

  @Test
  void shouldKeepStateAndDisksOwnerOnly() throws Exception {
    var compute = cloud.provider("local-1").compute().orElseThrow();
    VirtualMachineSupport vms = compute.virtualMachines().orElseThrow();
    VolumeSupport volumes = compute.volumes().orElseThrow();
    VirtualMachine vm =
        vms.launch(
            VmLaunchOptions.of("img-sleep", "small", "private")
                .withUserData("stratus.agent.token=secret"));
    var volume = volumes.create("data", 1, null);
    var snapshot = compute.snapshots().orElseThrow().create(volume.id(), "snap");
    Path data = cloud.dataDir();
    assertOwnerOnly(data, "rwx------");
    assertOwnerOnly(data.resolve("regions"), "rwx------");
    assertOwnerOnly(data.resolve("regions").resolve("local-1.json"), "rw-------");
    assertOwnerOnly(data.resolve("vms"), "rwx------");
    assertOwnerOnly(data.resolve("vms").resolve(vm.id()), "rwx------");
    assertOwnerOnly(data.resolve("volumes"), "rwx------");
    assertOwnerOnly(data.resolve("volumes").resolve(volume.id() + ".img"), "rw-------");
    assertOwnerOnly(data.resolve("snapshots"), "rwx------");
    assertOwnerOnly(data.resolve("snapshots").resolve(snapshot.id() + ".img"), "rw-------");

    // What an older daemon left readable is made owner-only at the next start.
    Path region = data.resolve("regions").resolve("local-1.json");
    Path disk = data.resolve("volumes").resolve(volume.id() + ".img");
    Files.setPosixFilePermissions(region, PosixFilePermissions.fromString("rw-r--r--"));
    Files.setPosixFilePermissions(disk, PosixFilePermissions.fromString("rw-r--r--"));
    Files.setPosixFilePermissions(
        data.resolve("volumes"), PosixFilePermissions.fromString("rwxr-xr-x"));
    cloud.restart();
    assertOwnerOnly(region, "rw-------");
    assertOwnerOnly(disk, "rw-------");
    assertOwnerOnly(data.resolve("volumes"), "rwx------");
    VirtualMachineSupport again =
        cloud.provider("local-1").compute().orElseThrow().virtualMachines().orElseThrow();
    awaitRunning(again, vm.id());
    again.terminate(vm.id());
  }

  private static void assertOwnerOnly(Path path, String mode) throws IOException {
    assertEquals(
        mode,
        PosixFilePermissions.toString(Files.getPosixFilePermissions(path)),
        path + " is not owner-only");
  }

  private static void awaitRunning(VirtualMachineSupport vms, String id)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (vms.get(id).orElseThrow().state() != VmState.RUNNING) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(id + " never ran");
      }
      Thread.sleep(200);
    }
  }
}
