package io.stratus.dispatcher.bench;

import io.stratus.dispatcher.support.DispatcherClient;
import io.stratus.dispatcher.support.DispatcherClient.Answer;
import io.stratus.dispatcher.support.Platform;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Launches end to end: Dispatcher call → job COMPLETE, against a simulated region whose VMs boot at
 * once, so what is measured is the platform (Dispatcher, MySQL, RabbitMQ, subscriber, driver calls)
 * and the local cloud's API, not a boot. Reports the rate of completed launches and the time each
 * job took from its creation to its completion (the time the platform adds to a launch).
 *
 * <p>Three measurements in one run: single launches one at a time (the time the platform adds to a
 * launch when nothing queues), launches as fast as the Dispatcher takes them (the rate end to end),
 * and RabbitMQ PerfTest on the same broker (persistent messages, publisher confirms), so the rate
 * can be read as a share of what the broker itself does here.
 *
 * <p>Usage: {@code DispatchBenchmark [launches=2000] [client threads=16] [single launches=50]
 * [PerfTest seconds=20]}; see docs/benchmarks.md.
 */
public final class DispatchBenchmark {
  private DispatchBenchmark() {}

  public static void main(String[] args) throws Exception {
    int launches = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 16;
    int singles = args.length > 2 ? Integer.parseInt(args[2]) : 50;
    int perfTestSeconds = args.length > 3 ? Integer.parseInt(args[3]) : 20;
    try (Platform platform =
        Platform.start(
            "dispatchbench",
            "regions=sim-1\nregion.sim-1.mode=simulated\nregion.sim-1.boot-time=0s\n",
            Map.of(
                "subscriber.poll-interval", "10ms",
                "subscriber.task-concurrency", "32",
                "publisher.sweep-interval", "1s",
                "cache.interval.servers", "1h"))) {
      long[] acme = platform.newCustomer("bench");
      DispatcherClient console = platform.client("console", acme[0], acme[1]);
      long cloudId = platform.defineLocalCloud();
      Answer account = platform.registerLocalAccount(console, cloudId);
      console.awaitJob(account.id("jobId"), Duration.ofSeconds(60));
      JdbcClient jdbc = platform.jdbc();
      long region = jdbc.sql("SELECT id FROM region").query(Long.class).single();
      long image = jdbc.sql("SELECT MIN(id) FROM machine_image").query(Long.class).single();
      long product = jdbc.sql("SELECT MIN(id) FROM server_product").query(Long.class).single();

      run(console, region, image, product, Math.min(200, launches), threads, "warm-up", jdbc);
      single(console, region, image, product, singles, jdbc);
      double rate = run(console, region, image, product, launches, threads, "measured", jdbc);
      if (perfTestSeconds > 0) {
        double broker = perfTest(platform.broker().uri(), perfTestSeconds);
        System.out.printf(
            "RabbitMQ PerfTest (persistent, confirms, 1 producer, 1 consumer): %.0f msg/s"
                + " published and consumed; launches end to end are %.2f %% of it%n",
            broker, 100 * rate / broker);
      }
    }
  }

  /**
   * Launches one at a time, each waited for: the accept (Dispatcher call → 202) plus the job's own
   * created → completed time in MySQL is what the platform adds, the simulated boot being zero.
   */
  private static void single(
      DispatcherClient console,
      long region,
      long image,
      long product,
      int launches,
      JdbcClient jdbc)
      throws Exception {
    List<Long> added = new ArrayList<>();
    List<Long> acceptMillis = new ArrayList<>();
    for (int i = 0; i < launches; i++) {
      long before = System.nanoTime();
      Answer a =
          console.post(
              "/servers",
              Map.of(
                  "regionId", region, "imageId", image, "productId", product, "name", "one-" + i));
      long acceptMicros = (System.nanoTime() - before) / 1000;
      if (a.status() != 202) {
        throw new IllegalStateException(a.status() + " " + a.body());
      }
      long job = a.id("jobId");
      while ("RUNNING"
          .equals(
              jdbc.sql("SELECT status FROM job WHERE id = ?")
                  .param(job)
                  .query(String.class)
                  .single())) {
        Thread.sleep(2);
      }
      long jobMicros =
          jdbc.sql(
                  "SELECT TIMESTAMPDIFF(MICROSECOND, created_at, completed_at) FROM job WHERE id = ?")
              .param(job)
              .query(Long.class)
              .single();
      acceptMillis.add(acceptMicros / 1000);
      added.add((acceptMicros + jobMicros) / 1000);
    }
    Collections.sort(added);
    Collections.sort(acceptMillis);
    System.out.printf(
        "single    %5d launches one at a time: added time (call → 202, then job created →"
            + " complete) p50 %d ms, p90 %d ms, max %d ms; the 202 alone p50 %d ms%n",
        launches,
        added.get(added.size() / 2),
        added.get(added.size() * 9 / 10),
        added.get(added.size() - 1),
        acceptMillis.get(acceptMillis.size() / 2));
  }

  /**
   * RabbitMQ PerfTest against the same broker, as its own process: one producer and one consumer on
   * a durable classic queue (what Stratus declares), persistent messages, publisher confirms (at
   * most 128 outstanding), acknowledged one by one. Returns the average receiving rate.
   */
  private static double perfTest(String uri, int seconds) throws Exception {
    Process process =
        new ProcessBuilder(
                System.getProperty("java.home") + "/bin/java",
                "-cp",
                System.getProperty("java.class.path"),
                "com.rabbitmq.perf.PerfTest",
                "--uri",
                uri,
                "--producers",
                "1",
                "--consumers",
                "1",
                "--flag",
                "persistent",
                "--confirm",
                "128",
                "--qos",
                "128",
                "--queue",
                "stratus-perftest",
                "--auto-delete",
                "true",
                "--size",
                "256",
                "--time",
                String.valueOf(seconds))
            .redirectErrorStream(true)
            .start();
    double received = -1;
    try (var lines = process.inputReader()) {
      for (String line; (line = lines.readLine()) != null; ) {
        var m = java.util.regex.Pattern.compile("receiving rate avg: (\\d+)").matcher(line);
        if (m.find()) {
          received = Double.parseDouble(m.group(1));
        }
        if (line.contains("rate avg")) {
          System.out.println("PerfTest: " + line.strip());
        }
      }
    }
    if (process.waitFor() != 0 || received < 0) {
      throw new IllegalStateException("PerfTest did not report a receiving rate");
    }
    return received;
  }

  private static double run(
      DispatcherClient console,
      long region,
      long image,
      long product,
      int launches,
      int threads,
      String label,
      JdbcClient jdbc)
      throws Exception {
    AtomicInteger next = new AtomicInteger();
    List<Long> jobs = Collections.synchronizedList(new ArrayList<>());
    List<Long> acceptMicros = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long start = System.nanoTime();
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      done.add(
          pool.submit(
              () -> {
                for (int i; (i = next.getAndIncrement()) < launches; ) {
                  long before = System.nanoTime();
                  Answer a =
                      console.post(
                          "/servers",
                          Map.of(
                              "regionId",
                              region,
                              "imageId",
                              image,
                              "productId",
                              product,
                              "name",
                              label + "-" + i));
                  acceptMicros.add((System.nanoTime() - before) / 1000);
                  if (a.status() != 202) {
                    throw new IllegalStateException(a.status() + " " + a.body());
                  }
                  jobs.add(a.id("jobId"));
                }
                return null;
              }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    long accepted = System.nanoTime();
    pool.shutdown();
    long last = jobs.stream().mapToLong(Long::longValue).max().orElseThrow();
    long first = jobs.stream().mapToLong(Long::longValue).min().orElseThrow();
    while (jdbc.sql("SELECT COUNT(*) FROM job WHERE id BETWEEN ? AND ? AND status = 'RUNNING'")
            .params(first, last)
            .query(Integer.class)
            .single()
        > 0) {
      Thread.sleep(20);
    }
    long finished = System.nanoTime();
    List<Long> jobMillis =
        jdbc.sql(
                """
                SELECT TIMESTAMPDIFF(MICROSECOND, created_at, completed_at) DIV 1000
                  FROM job WHERE id BETWEEN ? AND ? ORDER BY 1
                """)
            .params(first, last)
            .query(Long.class)
            .list();
    int errors =
        jdbc.sql("SELECT COUNT(*) FROM job WHERE id BETWEEN ? AND ? AND status = 'ERROR'")
            .params(first, last)
            .query(Integer.class)
            .single();
    List<Long> accepts = new ArrayList<>(acceptMicros);
    Collections.sort(accepts);
    double seconds = (finished - start) / 1e9;
    System.out.printf(
        "%-9s %5d launches, %2d client threads: accepted in %.2f s (%.0f calls/s, 202 p50 %.1f ms p99 %.1f ms); all complete after %.2f s = %.0f launches/s end to end; %d errors%n",
        label,
        launches,
        threads,
        (accepted - start) / 1e9,
        launches / ((accepted - start) / 1e9),
        accepts.get(accepts.size() / 2) / 1000.0,
        accepts.get(accepts.size() * 99 / 100) / 1000.0,
        seconds,
        launches / seconds,
        errors);
    System.out.printf(
        "%-9s job created → complete: p50 %d ms, p90 %d ms, p99 %d ms%n",
        label,
        jobMillis.get(jobMillis.size() / 2),
        jobMillis.get(jobMillis.size() * 9 / 10),
        jobMillis.get(jobMillis.size() * 99 / 100));
    return launches / seconds;
  }
}
