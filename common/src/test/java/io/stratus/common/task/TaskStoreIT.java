package io.stratus.common.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratus.common.db.Database;
import io.stratus.common.support.StratusSchema;
import io.stratus.testkit.TestDatabase;
import io.stratus.testkit.TestServices;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

class TaskStoreIT {
  private static TestDatabase db;
  private static Database database;
  private static TaskStore store;

  @BeforeAll
  static void open() {
    db = TestServices.newDatabase("tasks");
    database = StratusSchema.open(db);
    store =
        new TaskStore(
            database.primary(), new RetryPolicy(Duration.ofMillis(500), Duration.ofSeconds(30), 0));
  }

  @AfterAll
  static void close() {
    database.close();
    db.close();
  }

  private static long newTask(int maxAttempts) {
    return store.enqueue(
        new NewTask("test.kind", "{}", UUID.randomUUID().toString(), null, null, maxAttempts));
  }

  @Test
  void shouldLetExactlyOneOfTwoRacingWorkersClaimATask() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 20; round++) {
        long id = newTask(3);
        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<Optional<Lease>>> results = new ArrayList<>();
        for (String worker : List.of("worker-a", "worker-b")) {
          Callable<Optional<Lease>> claim =
              () -> {
                start.await();
                return store.claim(id, worker, Duration.ofSeconds(30));
              };
          results.add(pool.submit(claim));
        }
        int winners = 0;
        for (Future<Optional<Lease>> result : results) {
          winners += result.get().isPresent() ? 1 : 0;
        }
        assertEquals(1, winners, "round " + round);
        assertEquals(1, store.find(id).orElseThrow().attempts());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void shouldLetAnotherWorkerReclaimALapsedLeaseAndStopTheFirstFromFinishing() throws Exception {
    long id = newTask(3);
    // Long enough that the second claim below surely comes before the lease lapses, even on a
    // loaded machine.
    Lease first = store.claim(id, "worker-a", Duration.ofMillis(1500)).orElseThrow();
    assertTrue(store.claim(id, "worker-b", Duration.ofSeconds(30)).isEmpty());
    Thread.sleep(1700);
    Lease second = store.claim(id, "worker-b", Duration.ofSeconds(30)).orElseThrow();
    assertEquals(2, second.attempt());
    assertFalse(store.succeed(first), "a lost lease must not finish the task");
    assertFalse(store.renew(first, Duration.ofSeconds(30)));
    assertTrue(store.succeed(second));
    assertEquals(TaskState.SUCCEEDED, store.find(id).orElseThrow().state());
  }

  @Test
  void shouldLetTheHolderRenewALapsedLeaseThatNobodyReclaimed() throws Exception {
    long id = newTask(3);
    Lease lease = store.claim(id, "worker-a", Duration.ofMillis(100)).orElseThrow();
    Thread.sleep(300); // the database was away for longer than the lease
    assertTrue(store.renew(lease, Duration.ofSeconds(30)), "still this worker's lease");
    assertTrue(store.claim(id, "worker-b", Duration.ofSeconds(30)).isEmpty(), "renewed again");
    assertTrue(store.succeed(lease));
    assertEquals(1, store.find(id).orElseThrow().attempts());
  }

  @Test
  void shouldPutATaskBackAfterAPlatformOutageWithoutSpendingItsAttempt() throws Exception {
    long id = newTask(1);
    Lease only = store.claim(id, "w", Duration.ofSeconds(5)).orElseThrow();
    assertTrue(store.postpone(only, "Failed to obtain JDBC Connection"));
    Task waiting = store.find(id).orElseThrow();
    assertEquals(TaskState.RETRY_WAIT, waiting.state());
    assertEquals(0, waiting.attempts());
    Lease again = claimWhenDue(id);
    assertEquals(1, again.attempt(), "the outage did not use up the only attempt");
    assertTrue(store.succeed(again));
  }

  @Test
  void shouldWaitLongerAfterEachRecoverableFailure() throws Exception {
    long id = newTask(5);
    List<Long> waits = new ArrayList<>();
    for (int attempt = 1; attempt <= 3; attempt++) {
      Lease lease = claimWhenDue(id);
      Instant before = dbNow();
      assertEquals(Optional.of(TaskState.RETRY_WAIT), store.retryLater(lease, "throttled"));
      Task task = store.find(id).orElseThrow();
      assertEquals("throttled", task.lastError());
      waits.add(Duration.between(before, task.nextAttemptAt()).toMillis());
      assertTrue(store.claim(id, "w", Duration.ofSeconds(5)).isEmpty(), "claimed before due");
    }
    assertTrue(waits.get(0) >= 450 && waits.get(0) < 1000, "first wait " + waits);
    assertTrue(waits.get(1) > waits.get(0) * 1.5, "second wait " + waits);
    assertTrue(waits.get(2) > waits.get(1) * 1.5, "third wait " + waits);
  }

  @Test
  void shouldFailTheTaskWithItsReasonWhenAttemptsRunOut() throws Exception {
    long id = newTask(2);
    store.retryLater(claimWhenDue(id), "capacity exceeded in region-1");
    Lease last = claimWhenDue(id);
    assertEquals(Optional.of(TaskState.FAILED), store.retryLater(last, "capacity exceeded again"));
    Task task = store.find(id).orElseThrow();
    assertEquals(TaskState.FAILED, task.state());
    assertEquals("gave up after 2 attempts: capacity exceeded again", task.lastError());
    assertTrue(store.claim(id, "w", Duration.ofSeconds(5)).isEmpty());
  }

  @Test
  void shouldFailAFatalErrorAtOnce() {
    long id = newTask(5);
    Lease lease = store.claim(id, "w", Duration.ofSeconds(5)).orElseThrow();
    assertTrue(store.fail(lease, "image img-404 does not exist"));
    Task task = store.find(id).orElseThrow();
    assertEquals(TaskState.FAILED, task.state());
    assertEquals("image img-404 does not exist", task.lastError());
  }

  @Test
  void shouldReturnTheSameTaskForTheSameIdempotencyKey() {
    NewTask task = new NewTask("k", "{}", "launch-" + UUID.randomUUID(), 7L, null, 3);
    assertEquals(store.enqueue(task), store.enqueue(task));
  }

  @Test
  void shouldListNewAndLapsedTasksAsDueAndFailALapsedLastAttempt() throws Exception {
    long fresh = newTask(3);
    long lapsed = newTask(3);
    long lastChance = newTask(1);
    store.claim(lapsed, "dead-worker", Duration.ofMillis(50)).orElseThrow();
    store.claim(lastChance, "dead-worker", Duration.ofMillis(50)).orElseThrow();
    Thread.sleep(150);
    List<Long> due = store.findDue(10_000, Duration.ofMinutes(1));
    assertTrue(due.contains(fresh));
    assertTrue(due.contains(lapsed));
    assertFalse(due.contains(lastChance));
    Task failed = store.find(lastChance).orElseThrow();
    assertEquals(TaskState.FAILED, failed.state());
    assertTrue(failed.lastError().startsWith("worker lost on the last of 1 attempts"));

    store.markPublished(List.of(fresh, lapsed));
    List<Long> again = store.findDue(10_000, Duration.ofMinutes(1));
    assertFalse(again.contains(fresh), "published and not yet stale");
    assertFalse(again.contains(lapsed), "published after its lease lapsed");
    Thread.sleep(50);
    assertTrue(store.findDue(10_000, Duration.ofMillis(10)).contains(fresh), "stale publish");
  }

  @Test
  void shouldNotWaitOutTheLeaseOfAWorkerKnownToBeGone() throws Exception {
    register("stopped-host", 101, "NOW(3)", "NOW(3)");
    register("killed-host", 102, "DATE_SUB(NOW(3), INTERVAL 40 SECOND)", "NULL");
    register("live-host", 103, "NOW(3)", "NULL");
    register("restarted-host", 104, "NOW(3)", "NOW(3)");
    register("restarted-host", 104, "NOW(3)", "NULL"); // the same process registered again
    long stopped = newTask(3);
    long killed = newTask(3);
    long live = newTask(3);
    long sameProcess = newTask(3);
    store.claim(stopped, "stopped-host:101", Duration.ofMinutes(10)).orElseThrow();
    store.claim(killed, "killed-host:102", Duration.ofMinutes(10)).orElseThrow();
    store.claim(live, "live-host:103", Duration.ofMinutes(10)).orElseThrow();
    store.claim(sameProcess, "restarted-host:104", Duration.ofMinutes(10)).orElseThrow();

    List<Long> due = store.findDue(10_000, Duration.ofMinutes(1));
    assertTrue(due.contains(stopped), "a worker that stopped holds nothing");
    assertTrue(due.contains(killed), "a worker silent for longer than the registry allows");
    assertFalse(due.contains(live), "a live worker keeps its lease");
    assertFalse(due.contains(sameProcess), "a process with a live registration keeps its lease");
    Lease taken = store.claim(killed, "other-host:1", Duration.ofSeconds(30)).orElseThrow();
    assertEquals(2, taken.attempt());
    assertTrue(store.claim(live, "other-host:1", Duration.ofSeconds(30)).isEmpty());
  }

  private static void register(String host, long pid, String heartbeat, String stopped) {
    JdbcClient.create(database.primary())
        .sql(
            "INSERT INTO component_registration (instance_id, component, host, pid, version,"
                + " started_at, heartbeat_at, stopped_at) VALUES (?, 'worker-subscriber', ?, ?,"
                + " 'test', NOW(3), "
                + heartbeat
                + ", "
                + stopped
                + ")")
        .params(UUID.randomUUID().toString(), host, pid)
        .update();
  }

  @Test
  void shouldGiveBackATaskOnCleanShutdownWithoutSpendingAnAttempt() {
    long id = newTask(1);
    Lease lease = store.claim(id, "stopping", Duration.ofSeconds(30)).orElseThrow();
    assertTrue(store.release(lease));
    Task task = store.find(id).orElseThrow();
    assertEquals(TaskState.QUEUED, task.state());
    assertEquals(0, task.attempts());
    assertTrue(store.claim(id, "next", Duration.ofSeconds(30)).isPresent());
  }

  private static Lease claimWhenDue(long id) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      Optional<Lease> lease = store.claim(id, "w", Duration.ofSeconds(5));
      if (lease.isPresent()) {
        return lease.get();
      }
      Thread.sleep(20);
    }
    throw new AssertionError("task " + id + " never became claimable");
  }

  private static Instant dbNow() {
    return JdbcClient.create(database.primary())
        .sql("SELECT NOW(3)")
        .query(java.sql.Timestamp.class)
        .single()
        .toInstant();
  }

  @Test
  void shouldEndTheJobWithItsTaskAndShowRetriesInTheJobsMessage() throws Exception {
    JdbcClient jdbc = JdbcClient.create(database.primary());
    jdbc.sql("INSERT INTO customer (name) VALUES ('jobs')").update();
    long customer =
        jdbc.sql("SELECT id FROM customer WHERE name = 'jobs'").query(Long.class).single();
    io.stratus.common.job.JobStore jobs = new io.stratus.common.job.JobStore(database.primary());

    long okJob = jobs.create(customer, null, "test.kind", null, null);
    long ok =
        store.enqueue(
            new NewTask("test.kind", "{}", UUID.randomUUID().toString(), customer, okJob, 3));
    Lease first = store.claim(ok, "w", Duration.ofSeconds(30)).orElseThrow();
    assertEquals(Optional.of(TaskState.RETRY_WAIT), store.retryLater(first, "throttled"));
    io.stratus.common.job.Job retrying = jobs.find(customer, okJob).orElseThrow();
    assertEquals(io.stratus.common.job.JobStatus.RUNNING, retrying.status());
    assertTrue(
        retrying.message().contains("attempt 1 failed, trying again: throttled"),
        retrying.message());
    Thread.sleep(700);
    Lease second = store.claim(ok, "w", Duration.ofSeconds(30)).orElseThrow();
    jobs.progress(okJob, 99, "done it");
    assertTrue(store.succeed(second));
    io.stratus.common.job.Job complete = jobs.find(customer, okJob).orElseThrow();
    assertEquals(io.stratus.common.job.JobStatus.COMPLETE, complete.status());
    assertEquals(100, complete.progress());
    assertEquals("done it", complete.message());

    long badJob = jobs.create(customer, null, "test.kind", null, null);
    long bad =
        store.enqueue(
            new NewTask("test.kind", "{}", UUID.randomUUID().toString(), customer, badJob, 3));
    assertTrue(
        store.fail(store.claim(bad, "w", Duration.ofSeconds(30)).orElseThrow(), "no such image"));
    io.stratus.common.job.Job error = jobs.find(customer, badJob).orElseThrow();
    assertEquals(io.stratus.common.job.JobStatus.ERROR, error.status());
    assertEquals("no such image", error.message());

    long lostJob = jobs.create(customer, null, "test.kind", null, null);
    long lost =
        store.enqueue(
            new NewTask("test.kind", "{}", UUID.randomUUID().toString(), customer, lostJob, 1));
    store.claim(lost, "dead-worker", Duration.ofMillis(50)).orElseThrow();
    Thread.sleep(200);
    store.findDue(10, Duration.ofSeconds(30));
    assertEquals(TaskState.FAILED, store.find(lost).orElseThrow().state());
    io.stratus.common.job.Job lostOne = jobs.find(customer, lostJob).orElseThrow();
    assertEquals(io.stratus.common.job.JobStatus.ERROR, lostOne.status());
    assertTrue(lostOne.message().contains("worker lost"), lostOne.message());
  }
}
