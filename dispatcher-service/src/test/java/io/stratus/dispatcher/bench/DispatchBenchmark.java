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
 * <p>Usage: {@code DispatchBenchmark [launches=2000] [client threads=16]}; see docs/benchmarks.md.
 */
public final class DispatchBenchmark {
  private DispatchBenchmark() {}

  public static void main(String[] args) throws Exception {
    int launches = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 16;
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
      Map<String, String> credentials = platform.cloud().credentials();
      Answer account =
          console.post(
              "/accounts",
              Map.of(
                  "cloudId",
                  cloudId,
                  "name",
                  "local",
                  "fields",
                  Map.of(
                      "accessKey", credentials.get("accessKey"),
                      "secretKey", credentials.get("secretKey"))));
      console.awaitJob(account.id("jobId"), Duration.ofSeconds(60));
      JdbcClient jdbc = platform.jdbc();
      long region = jdbc.sql("SELECT id FROM region").query(Long.class).single();
      long image = jdbc.sql("SELECT MIN(id) FROM machine_image").query(Long.class).single();
      long product = jdbc.sql("SELECT MIN(id) FROM server_product").query(Long.class).single();

      run(console, region, image, product, Math.min(200, launches), threads, "warm-up", jdbc);
      run(console, region, image, product, launches, threads, "measured", jdbc);
    }
  }

  private static void run(
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
  }
}
