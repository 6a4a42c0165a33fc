package io.stratus.cloud.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.stratus.cloud.spi.CloudErrorType;
import io.stratus.cloud.spi.CloudException;
import io.stratus.cloud.spi.CloudProvider;
import io.stratus.cloud.spi.Page;
import io.stratus.cloud.spi.PageRequest;
import io.stratus.cloud.spi.compute.ImageSupport;
import io.stratus.cloud.spi.compute.MachineImage;
import io.stratus.cloud.spi.compute.Snapshot;
import io.stratus.cloud.spi.compute.SnapshotSupport;
import io.stratus.cloud.spi.compute.VirtualMachine;
import io.stratus.cloud.spi.compute.VirtualMachineSupport;
import io.stratus.cloud.spi.compute.VmFilter;
import io.stratus.cloud.spi.compute.VmLaunchOptions;
import io.stratus.cloud.spi.compute.VmState;
import io.stratus.cloud.spi.compute.Volume;
import io.stratus.cloud.spi.compute.VolumeState;
import io.stratus.cloud.spi.compute.VolumeSupport;
import io.stratus.cloud.spi.network.Direction;
import io.stratus.cloud.spi.network.FirewallRule;
import io.stratus.cloud.spi.network.FirewallSupport;
import io.stratus.cloud.spi.network.IpAddress;
import io.stratus.cloud.spi.network.IpAddressState;
import io.stratus.cloud.spi.network.IpAddressSupport;
import io.stratus.cloud.spi.network.Protocol;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every driver must do. A driver module extends this class in an {@code *IT} test, says how to
 * reach its cloud, and runs it; what the driver's capabilities rule out is skipped with the reason.
 * Machines a test launches are terminated afterwards.
 */
public abstract class DriverConformance {
  private final List<String> launched = new ArrayList<>();

  /** A provider working in the region under test. */
  protected abstract CloudProvider provider();

  /** An image that boots quickly in that region. */
  protected abstract String imageId();

  /** A small product (size) in that region. */
  protected abstract String productId();

  /** How long a machine may take to reach running. */
  protected Duration bootTimeout() {
    return Duration.ofSeconds(60);
  }

  protected VirtualMachineSupport vms() {
    return provider().compute().flatMap(c -> c.virtualMachines()).orElseThrow();
  }

  @AfterEach
  void terminateWhatWasLaunched() {
    for (String id : launched) {
      try {
        vms()
            .get(id)
            .filter(vm -> vm.state() != VmState.TERMINATED)
            .ifPresent(vm -> vms().terminate(id));
      } catch (CloudException e) {
        // best effort: the test already reported what matters
      }
    }
    launched.clear();
  }

  protected VirtualMachine launch(String name) {
    VirtualMachine vm =
        vms()
            .launch(
                VmLaunchOptions.of(imageId(), productId(), name)
                    .withClientToken(UUID.randomUUID().toString()));
    launched.add(vm.id());
    return vm;
  }

  protected VirtualMachine awaitState(String vmId, VmState wanted) {
    long deadline = System.nanoTime() + bootTimeout().toNanos();
    VirtualMachine vm = null;
    while (System.nanoTime() < deadline) {
      vm = vms().get(vmId).orElseThrow(() -> new AssertionError(vmId + " disappeared"));
      if (vm.state() == wanted) {
        return vm;
      }
      sleep(100);
    }
    throw new AssertionError(
        vmId + " never reached " + wanted + "; last seen " + (vm == null ? "?" : vm.state()));
  }

  @Test
  void shouldWalkAMachineThroughItsLifecycle() {
    VirtualMachine vm = launch("conformance-life");
    assertNotNull(vm.id());
    assertTrue(Set.of(VmState.PENDING, VmState.RUNNING).contains(vm.state()), vm.state().name());
    VirtualMachine running = awaitState(vm.id(), VmState.RUNNING);
    var caps = vms().capabilities();
    if (caps.assignsPrivateAddresses()) {
      assertNotNull(running.privateAddress());
    }
    if (caps.canStop(VmState.RUNNING)) {
      vms().stop(vm.id());
      awaitState(vm.id(), VmState.STOPPED);
      assertTrue(caps.canStart(VmState.STOPPED));
      vms().start(vm.id());
      awaitState(vm.id(), VmState.RUNNING);
    }
    if (caps.canReboot(VmState.RUNNING)) {
      vms().reboot(vm.id());
      awaitState(vm.id(), VmState.RUNNING);
    }
    vms().terminate(vm.id());
    Optional<VirtualMachine> after = vms().get(vm.id());
    assertTrue(after.isEmpty() || after.get().state() == VmState.TERMINATED);
  }

  @Test
  void shouldReturnTheSameMachineForARetriedLaunch() {
    assumeTrue(vms().capabilities().supportsClientToken(), "the cloud has no client tokens");
    String token = UUID.randomUUID().toString();
    VmLaunchOptions options =
        VmLaunchOptions.of(imageId(), productId(), "conformance-token").withClientToken(token);
    VirtualMachine first = vms().launch(options);
    launched.add(first.id());
    VirtualMachine second = vms().launch(options);
    assertEquals(first.id(), second.id());
  }

  @Test
  void shouldPageThroughMachinesOnceEach() {
    String prefix = "page-" + UUID.randomUUID().toString().substring(0, 6) + "-";
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 3; i++) {
      ids.add(launch(prefix + i).id());
    }
    // The listing's promise covers machines that exist, not ones still being created (see
    // VirtualMachineSupport.list): wait until all three run.
    ids.forEach(id -> awaitState(id, VmState.RUNNING));
    Set<String> seen = new HashSet<>();
    PageRequest request = PageRequest.first(1);
    int pages = 0;
    while (true) {
      Page<VirtualMachine> page = vms().list(new VmFilter(Set.of(), prefix), request);
      for (VirtualMachine vm : page.items()) {
        assertTrue(seen.add(vm.id()), vm.id() + " listed twice");
      }
      pages++;
      if (!page.hasNext()) {
        break;
      }
      request = request.next(page);
    }
    assertEquals(ids, seen);
    assertTrue(pages >= 3, "page size 1 over 3 machines took " + pages + " pages");
  }

  @Test
  void shouldRefuseAnUnknownImage() {
    CloudException e =
        assertThrows(
            CloudException.class,
            () ->
                vms()
                    .launch(
                        VmLaunchOptions.of(
                            "no-such-image-" + UUID.randomUUID(), productId(), "bad-image")));
    assertEquals(CloudErrorType.NOT_FOUND, e.type(), e.getMessage());
  }

  @Test
  void shouldRefuseAnUnknownProduct() {
    CloudException e =
        assertThrows(
            CloudException.class,
            () -> vms().launch(VmLaunchOptions.of(imageId(), "no-such-size", "bad-size")));
    assertEquals(CloudErrorType.INVALID_REQUEST, e.type(), e.getMessage());
  }

  @Test
  void shouldRefuseToStopATerminatedMachine() {
    VirtualMachine vm = launch("conformance-gone");
    vms().terminate(vm.id());
    assertFalse(vms().capabilities().canStop(VmState.TERMINATED));
    CloudException e = assertThrows(CloudException.class, () -> vms().stop(vm.id()));
    assertTrue(
        e.type() == CloudErrorType.INVALID_STATE || e.type() == CloudErrorType.NOT_FOUND,
        e.type() + ": " + e.getMessage());
  }

  @Test
  void shouldCreateAttachDetachAndRemoveAVolume() {
    VolumeSupport volumes =
        support(() -> provider().compute().flatMap(c -> c.volumes()), "volumes");
    VirtualMachine vm = launch("conformance-vol");
    awaitState(vm.id(), VmState.RUNNING);
    int size = Math.max(1, volumes.capabilities().minSizeGb());
    Volume volume = volumes.create("conformance-data", size, null);
    assertEquals(size, volume.sizeGb());
    volumes.attach(volume.id(), vm.id(), "vdb");
    Volume attached = volumes.get(volume.id()).orElseThrow();
    assertEquals(VolumeState.ATTACHED, attached.state());
    assertEquals(vm.id(), attached.vmId());
    volumes.detach(volume.id());
    assertEquals(VolumeState.AVAILABLE, volumes.get(volume.id()).orElseThrow().state());
    volumes.remove(volume.id());
    assertTrue(volumes.get(volume.id()).isEmpty());
    CloudException e =
        assertThrows(
            CloudException.class,
            () -> volumes.create("too-small", volumes.capabilities().minSizeGb() - 1, null));
    assertEquals(CloudErrorType.INVALID_REQUEST, e.type());
  }

  @Test
  void shouldSnapshotAVolume() {
    VolumeSupport volumes =
        support(() -> provider().compute().flatMap(c -> c.volumes()), "volumes");
    SnapshotSupport snapshots =
        support(() -> provider().compute().flatMap(c -> c.snapshots()), "snapshots");
    Volume volume = volumes.create("conformance-snap", 1, null);
    Snapshot snapshot = snapshots.create(volume.id(), "conformance");
    assertEquals(volume.id(), snapshot.volumeId());
    assertTrue(snapshots.list().stream().anyMatch(s -> s.id().equals(snapshot.id())));
    snapshots.remove(snapshot.id());
    assertTrue(snapshots.get(snapshot.id()).isEmpty());
    volumes.remove(volume.id());
  }

  @Test
  void shouldCaptureAnImageFromAMachine() {
    ImageSupport images = support(() -> provider().compute().flatMap(c -> c.images()), "images");
    assumeTrue(images.capabilities().canCapture(), "the cloud cannot capture images");
    VirtualMachine vm = launch("conformance-img");
    awaitState(vm.id(), VmState.RUNNING);
    MachineImage image = images.capture(vm.id(), "captured-" + vm.id());
    assertEquals(vm.id(), image.sourceVmId());
    VirtualMachine child =
        vms().launch(VmLaunchOptions.of(image.id(), productId(), "conformance-child"));
    launched.add(child.id());
    awaitState(child.id(), VmState.RUNNING);
    vms().terminate(child.id());
    if (images.capabilities().canRemove()) {
      images.remove(image.id());
      assertTrue(images.get(image.id()).isEmpty());
    }
  }

  @Test
  void shouldRequestAssignAndReleaseAnAddress() {
    IpAddressSupport ips =
        support(() -> provider().network().flatMap(n -> n.ipAddresses()), "addresses");
    VirtualMachine vm = launch("conformance-ip");
    awaitState(vm.id(), VmState.RUNNING);
    IpAddress ip = ips.request();
    assertEquals(IpAddressState.AVAILABLE, ip.state());
    ips.assign(ip.id(), vm.id());
    assertEquals(vm.id(), ips.get(ip.id()).orElseThrow().vmId());
    assertEquals(ip.address(), vms().get(vm.id()).orElseThrow().publicAddress());
    ips.release(ip.id());
    assertTrue(ips.get(ip.id()).isEmpty());
  }

  @Test
  void shouldAuthorizeAndRevokeFirewallRules() {
    FirewallSupport firewalls =
        support(() -> provider().network().flatMap(n -> n.firewalls()), "firewalls");
    var firewall =
        firewalls.create("conformance-" + UUID.randomUUID().toString().substring(0, 6), "test");
    FirewallRule rule =
        firewalls.authorize(firewall.id(), Direction.INGRESS, Protocol.TCP, 80, 443, "10.0.0.0/8");
    assertEquals(List.of(rule), firewalls.listRules(firewall.id()));
    assertTrue(
        firewalls.listAllRules().contains(rule),
        "listAllRules holds every firewall's rules, each naming its firewall");
    CloudException bad =
        assertThrows(
            CloudException.class,
            () ->
                firewalls.authorize(
                    firewall.id(), Direction.INGRESS, Protocol.TCP, 443, 80, "10.0.0.0/8"));
    assertEquals(CloudErrorType.INVALID_REQUEST, bad.type());
    firewalls.revoke(firewall.id(), rule.id());
    assertTrue(firewalls.listRules(firewall.id()).isEmpty());
    assertTrue(firewalls.listAllRules().stream().noneMatch(r -> r.id().equals(rule.id())));
    firewalls.remove(firewall.id());
    assertTrue(firewalls.get(firewall.id()).isEmpty());
  }

  private static <T> T support(Supplier<Optional<T>> getter, String what) {
    Optional<T> support = getter.get();
    assumeTrue(support.isPresent(), "the cloud offers no " + what);
    return support.get();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted");
    }
  }
}
