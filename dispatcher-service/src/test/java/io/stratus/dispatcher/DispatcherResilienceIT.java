package io.stratus.dispatcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratus.cloud.spi.CloudException;
import io.stratus.cloud.spi.CloudProvider;
import io.stratus.cloud.spi.Page;
import io.stratus.cloud.spi.PageRequest;
import io.stratus.cloud.spi.compute.VirtualMachine;
import io.stratus.cloud.spi.compute.VirtualMachineSupport;
import io.stratus.cloud.spi.compute.VmFilter;
import io.stratus.dispatcher.support.DispatcherClient;
import io.stratus.dispatcher.support.DispatcherClient.Answer;
import io.stratus.dispatcher.support.Platform;
import io.stratus.testkit.TcpProxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Nothing is lost and nothing is done twice when the cloud throttles, a subscriber dies in the
 * middle of a task, or the broker restarts. The simulated regions make launches cheap: {@code
 * sim-1} answers a third of its calls with throttling errors, {@code sim-2} boots slowly so a
 * launch is still in flight when the trouble comes; {@code sim-3} boots in 2 s, so a launch writes
 * its machine's state while the subscriber's database is away.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DispatcherResilienceIT {
  private static final Duration JOB_LIMIT = Duration.ofSeconds(120);

  private Platform platform;
  private DispatcherClient console;

  @BeforeAll
  void start() throws Exception {
    platform =
        Platform.start(
            "resilience",
            """
            regions=sim-1,sim-2,sim-3
            region.sim-1.mode=simulated
            region.sim-1.boot-time=500ms
            region.sim-1.error-rate=0.33
            region.sim-1.error-types=throttling
            region.sim-2.mode=simulated
            region.sim-2.boot-time=6s
            region.sim-3.mode=simulated
            region.sim-3.boot-time=2s
            """,
            Map.of("subscriber.task-lease", "4s", "subscriber.stop-timeout", "0s"));
    long[] acme = platform.newCustomer("acme");
    console = platform.client("console", acme[0], acme[1]);
    long cloudId = platform.defineLocalCloud();
    Answer account = platform.registerLocalAccount(console, cloudId);
    assertEquals(202, account.status(), account.body().toString());
    JsonNode job = console.awaitJob(account.id("jobId"), JOB_LIMIT);
    assertEquals("COMPLETE", job.path("status").asText(), job.toString());
  }

  @AfterAll
  void stop() {
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  void everyLaunchCompletesWhenTheCloudThrottlesAThirdOfItsCalls() throws Exception {
    List<Answer> launches = launch("sim-1", "throttled", 12);
    for (Answer launch : launches) {
      JsonNode job = console.awaitJob(launch.id("jobId"), JOB_LIMIT);
      assertEquals("COMPLETE", job.path("status").asText(), job.toString());
    }
    assertOneRunningMachineEach("sim-1", "throttled", 12);
  }

  @Test
  void aTaskWhoseSubscriberDiesCompletesOnceAfterItsLeaseLapses() throws Exception {
    List<Answer> launches = launch("sim-2", "orphaned", 3);
    awaitClaimed(launches);
    platform.abandonSubscriber();
    platform.startSubscriber();
    for (Answer launch : launches) {
      JsonNode job = console.awaitJob(launch.id("jobId"), JOB_LIMIT);
      assertEquals("COMPLETE", job.path("status").asText(), job.toString());
    }
    assertOneRunningMachineEach("sim-2", "orphaned", 3);
  }

  @Test
  void tasksQueuedAndRunningSurviveABrokerRestart() throws Exception {
    assumeTrue(platform.broker().canRestart(), "this broker cannot be restarted from the test");
    List<Answer> launches = launch("sim-2", "restarted", 6);
    awaitClaimed(launches.subList(0, 1));
    platform.broker().restart();
    launches.addAll(launch("sim-2", "after-restart", 2));
    for (Answer launch : launches) {
      JsonNode job = console.awaitJob(launch.id("jobId"), JOB_LIMIT);
      assertEquals("COMPLETE", job.path("status").asText(), job.toString());
    }
    assertOneRunningMachineEach("sim-2", "restarted", 6);
    assertOneRunningMachineEach("sim-2", "after-restart", 2);
  }

  /**
   * The subscriber's database goes away for 8 s while its launches wait for their machines: their
   * next write fails (a pooled connection cut, then no connection within the 5 s connect timeout),
   * and so would recording that failure, until the database is back. The launches are delayed, not
   * failed, and each makes one machine.
   */
  @Test
  void launchesCompleteOnceWhenTheSubscribersDatabaseGoesAwayMidTask() throws Exception {
    platform.stopSubscriber();
    TcpProxy link = TcpProxy.inFrontOf(platform.databaseUrl());
    try {
      // A lease that outlasts the outage: the task must come back by being put back, not by its
      // lease lapsing (which would spend an attempt).
      platform.startSubscriber(
          Map.of("db.url", link.jdbcUrl(platform.databaseUrl()), "subscriber.task-lease", "30s"));
      List<Answer> launches = launch("sim-3", "db-outage", 3);
      awaitAskedTheCloud(launches);
      link.down();
      Thread.sleep(8000);
      link.up();
      for (Answer launch : launches) {
        JsonNode job = console.awaitJob(launch.id("jobId"), JOB_LIMIT);
        assertEquals("COMPLETE", job.path("status").asText(), job.toString());
      }
      assertOneAttemptEach(launches);
      assertOneRunningMachineEach("sim-3", "db-outage", 3);
    } finally {
      link.up();
      platform.stopSubscriber();
      link.close();
      platform.startSubscriber();
    }
  }

  /**
   * The Key Manager cannot be reached while launches need their account's credentials: they wait,
   * their attempts not counted, and complete once it answers again, one machine each.
   */
  @Test
  void launchesWaitForAKeyManagerThatCannotBeReachedWithoutSpendingAttempts() throws Exception {
    platform.stopSubscriber();
    TcpProxy link = new TcpProxy("127.0.0.1", platform.km().url().getPort());
    try {
      platform.startSubscriber(Map.of("km.url", "https://127.0.0.1:" + link.port()));
      link.down();
      List<Answer> launches = launch("sim-3", "km-outage", 2);
      awaitJobMessage(launches, "waiting for the platform");
      Thread.sleep(4000);
      link.up();
      for (Answer launch : launches) {
        JsonNode job = console.awaitJob(launch.id("jobId"), JOB_LIMIT);
        assertEquals("COMPLETE", job.path("status").asText(), job.toString());
      }
      assertOneAttemptEach(launches);
      assertOneRunningMachineEach("sim-3", "km-outage", 2);
    } finally {
      link.up();
      platform.stopSubscriber();
      link.close();
      platform.startSubscriber();
    }
  }

  /** The outage spent no attempt: each launch's task ran its one attempt to the end. */
  private void assertOneAttemptEach(List<Answer> launches) {
    for (Answer launch : launches) {
      int attempts =
          platform
              .jdbc()
              .sql("SELECT attempts FROM task WHERE job_id = ?")
              .param(launch.id("jobId"))
              .query(Integer.class)
              .single();
      assertEquals(1, attempts, "attempts of job " + launch.id("jobId"));
    }
  }

  /** Waits until every launch's job message contains {@code text}. */
  private void awaitJobMessage(List<Answer> launches, String text) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    for (Answer launch : launches) {
      while (platform
              .jdbc()
              .sql("SELECT COUNT(*) FROM job WHERE id = ? AND message LIKE ?")
              .params(launch.id("jobId"), "%" + text + "%")
              .query(Integer.class)
              .single()
          == 0) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("job " + launch.id("jobId") + " never said '" + text + "'");
        }
        Thread.sleep(20);
      }
    }
  }

  /** Waits until every launch's machine exists in the cloud and its row names it. */
  private void awaitAskedTheCloud(List<Answer> launches) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    for (Answer launch : launches) {
      while (platform
              .jdbc()
              .sql(
                  """
                  SELECT COUNT(*) FROM server s JOIN job j ON j.resource_id = s.id
                   WHERE j.id = ? AND s.provider_server_id IS NOT NULL
                  """)
              .param(launch.id("jobId"))
              .query(Integer.class)
              .single()
          == 0) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("job " + launch.id("jobId") + " never reached the cloud");
        }
        Thread.sleep(20);
      }
    }
  }

  private List<Answer> launch(String region, String prefix, int count) {
    long regionId =
        platform
            .jdbc()
            .sql("SELECT id FROM region WHERE provider_region_id = ?")
            .param(region)
            .query(Long.class)
            .single();
    long image =
        platform
            .jdbc()
            .sql("SELECT MIN(id) FROM machine_image WHERE region_id = ?")
            .param(regionId)
            .query(Long.class)
            .single();
    long product =
        platform
            .jdbc()
            .sql("SELECT MIN(id) FROM server_product WHERE region_id = ?")
            .param(regionId)
            .query(Long.class)
            .single();
    List<Answer> launches = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Answer launched =
          console.post(
              "/servers",
              Map.of(
                  "regionId",
                  regionId,
                  "imageId",
                  image,
                  "productId",
                  product,
                  "name",
                  prefix + "-" + i));
      assertEquals(202, launched.status(), launched.body().toString());
      launches.add(launched);
    }
    return launches;
  }

  /** Waits until every launch's task is held by a worker. */
  private void awaitClaimed(List<Answer> launches) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    for (Answer launch : launches) {
      while (!"running"
          .equals(
              platform
                  .jdbc()
                  .sql("SELECT state FROM task WHERE job_id = ?")
                  .param(launch.id("jobId"))
                  .query(String.class)
                  .single())) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("job " + launch.id("jobId") + "'s task was never claimed");
        }
        Thread.sleep(20);
      }
    }
  }

  /**
   * One row per launch, running, each with its own machine, and the cloud itself holding exactly
   * that many: nothing made twice.
   */
  private void assertOneRunningMachineEach(String region, String prefix, int count)
      throws Exception {
    assertEquals(count, machinesInTheCloud(region, prefix + "-"), "machines the cloud made");
    Map<String, Object> rows =
        platform
            .jdbc()
            .sql(
                """
                SELECT COUNT(*) AS total_rows, SUM(state = 'running') AS running,
                       COUNT(DISTINCT provider_server_id) AS machines
                  FROM server WHERE name LIKE ?
                """)
            .param(prefix + "-%")
            .query()
            .singleRow();
    assertEquals(count, ((Number) rows.get("total_rows")).intValue(), "rows: " + rows);
    assertEquals(count, ((Number) rows.get("running")).intValue(), "running: " + rows);
    assertEquals(count, ((Number) rows.get("machines")).intValue(), "machines: " + rows);
  }

  /** The cloud's own count of machines named {@code prefix}…, through throttling if need be. */
  private int machinesInTheCloud(String region, String prefix) throws Exception {
    VmFilter named = new VmFilter(Set.of(), prefix);
    try (CloudProvider provider = platform.cloud().provider(region)) {
      VirtualMachineSupport vms = provider.compute().orElseThrow().virtualMachines().orElseThrow();
      for (int attempt = 1; ; attempt++) {
        try {
          int total = 0;
          PageRequest page = PageRequest.first(1000);
          while (true) {
            Page<VirtualMachine> listed = vms.list(named, page);
            total += listed.items().size();
            if (!listed.hasNext()) {
              return total;
            }
            page = page.next(listed);
          }
        } catch (CloudException e) {
          if (!e.isRetryable() || attempt == 20) {
            throw e;
          }
          Thread.sleep(100);
        }
      }
    }
  }
}
