package io.stratus.cloud.openstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratus.cloud.openstack.compute.NovaVirtualMachineSupport;
import io.stratus.cloud.openstack.identity.KeystoneSession;
import io.stratus.cloud.spi.CloudErrorType;
import io.stratus.cloud.spi.CloudException;
import io.stratus.cloud.spi.CloudProvider;
import io.stratus.cloud.spi.Page;
import io.stratus.cloud.spi.PageRequest;
import io.stratus.cloud.spi.ProviderContext;
import io.stratus.cloud.spi.compute.VirtualMachine;
import io.stratus.cloud.spi.compute.VmFilter;
import io.stratus.cloud.spi.compute.VmLaunchOptions;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Nova as the driver drives it, beyond the conformance suite, against the test cloud. */
class NovaServersIT {
  /** More than the test cloud's Nova hands out in one page ({@code [api] max_limit = 25}). */
  private static final int MANY = 30;

  private CloudProvider provider;
  private NovaVirtualMachineSupport servers;
  private final List<String> made = new ArrayList<>();

  @BeforeEach
  void connect() {
    TestCloud.assumeUp();
    provider = TestCloud.provider();
    servers =
        (NovaVirtualMachineSupport)
            provider.compute().orElseThrow().virtualMachines().orElseThrow();
  }

  @AfterEach
  void terminate() {
    for (String id : made) {
      try {
        servers.terminate(id);
      } catch (RuntimeException e) {
        // best effort
      }
    }
  }

  @Test
  void shouldNegotiateTheNewestMicroversionBothSpeak() {
    // the test cloud's Nova (Zed) offers up to 2.93; the driver knows up to 2.46
    assertEquals("2.46", servers.microversion());
  }

  @Test
  void shouldPageThroughMoreServersThanNovaPutsInOnePage() {
    String prefix = "paging-" + UUID.randomUUID().toString().substring(0, 8);
    servers.launchMany(
        VmLaunchOptions.of(TestCloud.tinyImage(provider), TestCloud.FLAVOR, prefix), MANY);
    VmFilter mine = new VmFilter(Set.of(), prefix);

    Set<String> seen = new HashSet<>();
    int pages = 0;
    PageRequest request = PageRequest.first(PageRequest.MAX_SIZE);
    while (true) {
      Page<VirtualMachine> page = servers.list(mine, request);
      for (VirtualMachine vm : page.items()) {
        assertTrue(seen.add(vm.id()), vm.id() + " listed twice");
        made.add(vm.id());
      }
      pages++;
      if (!page.hasNext()) {
        break;
      }
      request = request.next(page);
    }
    assertEquals(MANY, seen.size());
    assertTrue(pages >= 2, "Nova caps a page at 25, so 30 servers take 2 pages, not " + pages);

    Set<String> again = new HashSet<>();
    request = PageRequest.first(7);
    while (true) {
      Page<VirtualMachine> page = servers.list(mine, request);
      assertTrue(page.items().size() <= 7);
      page.items().forEach(vm -> assertTrue(again.add(vm.id()), vm.id() + " listed twice"));
      if (!page.hasNext()) {
        break;
      }
      request = request.next(page);
    }
    assertEquals(seen, again);
  }

  @Test
  void shouldMakeOneServerWhenALaunchsAnswerIsLostAndTheLaunchIsRetried() throws Exception {
    String catalogued =
        TestCloud.session(TestCloud.identity(), Clock.systemUTC(), 300)
            .token()
            .catalog()
            .endpoint("compute", TestCloud.REGION, "public")
            .orElseThrow()
            .toString();
    URI novaUrl = URI.create(catalogued.substring(0, catalogued.length() - 1));
    String image = TestCloud.tinyImage(provider);
    try (AnswerLosingProxy proxy = AnswerLosingProxy.start(TestCloud.identity(), novaUrl)) {
      KeystoneSession session = TestCloud.session(proxy.identity(), Clock.systemUTC(), 300);
      var factory = new OpenStackProviderFactory();
      OpenStackProvider through =
          new OpenStackProvider(
              new ProviderContext(
                  factory.contextFields(),
                  TestCloud.passwordFields(TestCloud.USER, TestCloud.PASSWORD, TestCloud.PROJECT),
                  TestCloud.REGION),
              session,
              "public");
      var vms = through.servers().orElseThrow();
      String name = "lost-" + UUID.randomUUID().toString().substring(0, 8);
      VmLaunchOptions launch =
          VmLaunchOptions.of(image, TestCloud.FLAVOR, name)
              .withClientToken(UUID.randomUUID().toString());

      CloudException lost = assertThrows(CloudException.class, () -> vms.launch(launch));
      assertEquals(CloudErrorType.COMMUNICATION, lost.type(), lost.getMessage());
      assertTrue(lost.isRetryable(), "a task worker retries it");

      VirtualMachine retried = vms.launch(launch);
      made.add(retried.id());
      assertEquals(1, proxy.launches(), "the retry found the server instead of launching again");
      List<VirtualMachine> named =
          servers.list(new VmFilter(Set.of(), name), PageRequest.first(100)).items();
      assertEquals(List.of(retried.id()), named.stream().map(VirtualMachine::id).toList());
    }
  }

  @Test
  void shouldKeepTheClientTokenAndDataCentreOnTheServer() {
    String token = UUID.randomUUID().toString();
    VirtualMachine vm =
        servers.launch(
            VmLaunchOptions.of(
                    TestCloud.tinyImage(provider),
                    TestCloud.FLAVOR,
                    "token-" + token.substring(0, 8))
                .withClientToken(token)
                .withUserData("#!/bin/sh\necho hello\n")
                .inDataCenter("nova"));
    made.add(vm.id());
    assertEquals(token, vm.clientToken());
    VirtualMachine seen = servers.get(vm.id()).orElseThrow();
    assertEquals(token, seen.clientToken());
    assertEquals(TestCloud.REGION, seen.regionId());
    assertNotNull(seen.createdAt());
    assertEquals(TestCloud.FLAVOR, seen.productId());
  }
}
