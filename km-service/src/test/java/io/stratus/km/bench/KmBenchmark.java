package io.stratus.km.bench;

import io.stratus.common.keys.Credential;
import io.stratus.common.keys.CredentialVault;
import io.stratus.common.km.KeyParts;
import io.stratus.common.km.KmClient;
import io.stratus.km.support.KmFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Key Manager throughput over mutual TLS with connection reuse: client threads each store a key and
 * fetch it back in a loop through one shared {@link KmClient}, against a KM in an embedded Tomcat
 * on this machine with its schema on the test MySQL. Then the same through {@link CredentialVault}
 * (customer encryption, the KM, and the main schema's record).
 *
 * <p>Usage: {@code KmBenchmark [threads=16] [seconds=20] [warm-up seconds=20]}; see
 * docs/benchmarks.md. The warm-up lets the JIT compile the server's and the client's paths.
 */
public final class KmBenchmark {
  private KmBenchmark() {}

  public static void main(String[] args) throws Exception {
    int threads = args.length > 0 ? Integer.parseInt(args[0]) : 16;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    int warmUp = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    try (KmFixture km = KmFixture.startDirect("kmbench", Map.of("server.max-threads", "64"))) {
      KmClient client = km.client("dispatcher");
      byte[] bytes = new byte[180];
      ThreadLocalRandom.current().nextBytes(bytes);
      KeyParts parts =
          new KeyParts(
              "stratus-aead-1",
              Base64.getEncoder().encodeToString(bytes),
              Base64.getEncoder().encodeToString(bytes));

      System.out.printf("KM benchmark: %d client threads, %d s per phase%n", threads, seconds);
      run("warm-up (KM client)", threads, warmUp, () -> client.fetch(client.create(parts)));
      Result raw =
          run(
              "KM client: store + fetch",
              threads,
              seconds,
              () -> client.fetch(client.create(parts)));

      CredentialVault vault = km.vault(Duration.ofSeconds(60));
      long customer = km.newCustomer("bench");
      Credential credential =
          new Credential(Map.of("accessKeyId", "AKIABENCH"), Map.of("secretAccessKey", "s3cr3t"));
      run(
          "warm-up (vault)",
          threads,
          3,
          () -> vault.fetch(customer, vault.store(customer, credential)));
      Result sealed =
          run(
              "CredentialVault: store + fetch",
              threads,
              seconds,
              () -> vault.fetch(customer, vault.store(customer, credential)));
      System.out.printf(
          "%nSummary: KM %.0f ops/s, vault %.0f ops/s%n",
          raw.opsPerSecond(), sealed.opsPerSecond());
    }
    System.exit(0);
  }

  private record Result(double opsPerSecond) {}

  private interface Pair {
    void run() throws Exception;
  }

  /** Runs store+fetch pairs on {@code threads} threads for {@code seconds}; one pair = 2 ops. */
  private static Result run(String name, int threads, int seconds, Pair pair) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    List<Future<long[]>> futures = new ArrayList<>();
    long start = System.nanoTime();
    for (int t = 0; t < threads; t++) {
      futures.add(
          pool.submit(
              () -> {
                long[] latencies = new long[1 << 20];
                int n = 0;
                while (System.nanoTime() < end) {
                  long t0 = System.nanoTime();
                  pair.run();
                  if (n < latencies.length) {
                    latencies[n] = System.nanoTime() - t0;
                  }
                  n++;
                }
                return Arrays.copyOf(latencies, Math.min(n, latencies.length));
              }));
    }
    List<Long> all = new ArrayList<>();
    for (Future<long[]> f : futures) {
      for (long l : f.get()) {
        all.add(l);
      }
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    all.sort(null);
    double pairs = all.size() / elapsed;
    System.out.printf(
        "%-34s %8d pairs in %5.1f s: %7.0f ops/s combined (%6.0f stores/s + %6.0f fetches/s);"
            + " pair latency p50 %.1f ms, p99 %.1f ms%n",
        name,
        all.size(),
        elapsed,
        2 * pairs,
        pairs,
        pairs,
        percentile(all, 0.50),
        percentile(all, 0.99));
    return new Result(2 * pairs);
  }

  private static double percentile(List<Long> sorted, double p) {
    if (sorted.isEmpty()) {
      return 0;
    }
    return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size()))) / 1e6;
  }
}
