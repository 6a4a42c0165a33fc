package io.stratus.api.bench;

import io.stratus.api.Api;
import io.stratus.api.support.ApiClient;
import io.stratus.api.support.ApiClient.Answer;
import io.stratus.api.support.ApiFixture;
import io.stratus.api.support.ApiFixture.Customer;
import io.stratus.api.support.Inventory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Lists every server of a large inventory through the API, all pages, one client on one kept-alive
 * HTTPS connection, each request signed and checked (key lookup, secret unsealed, rights read):
 * what a script listing its whole estate sees. The inventory is written straight into MySQL (the
 * servers of an inactive account, so no cache worker touches them).
 *
 * <p>Usage: {@code ListServersBenchmark [servers=25000] [page size=250] [warm-up listings=5]
 * [measured listings=10]}; see docs/benchmarks.md. Targets: ≤ 0.5 s for a whole listing, ≤ 20 ms
 * p99 per page.
 */
public final class ListServersBenchmark {
  private ListServersBenchmark() {}

  public static void main(String[] args) throws Exception {
    int servers = args.length > 0 ? Integer.parseInt(args[0]) : 25_000;
    int pageSize = args.length > 1 ? Integer.parseInt(args[1]) : 250;
    int warmUps = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    int runs = args.length > 3 ? Integer.parseInt(args[3]) : 10;
    try (ApiFixture fixture = ApiFixture.readOnly("listbench", pageSize)) {
      Customer bench = fixture.newCustomer("bench");
      Inventory inventory = Inventory.create(fixture.jdbc(), bench.id(), "records");
      long loaded = System.nanoTime();
      inventory.addServers(servers, "bench", bench.userId(), null);
      System.out.printf(
          "inventory: %,d servers written in %.1f s%n",
          servers, (System.nanoTime() - loaded) / 1e9);
      // A neighbour with as many servers, so the customer filter has work to do.
      Customer other = fixture.newCustomer("neighbour");
      Inventory.create(fixture.jdbc(), other.id(), "records").addServers(servers, "n", null, null);
      ApiClient client = fixture.client(bench);

      for (int i = 0; i < warmUps; i++) {
        listAll(client, servers, new ArrayList<>());
      }
      List<Double> totals = new ArrayList<>();
      List<Double> pages = new ArrayList<>();
      var os =
          (com.sun.management.OperatingSystemMXBean)
              java.lang.management.ManagementFactory.getOperatingSystemMXBean();
      long cpuBefore = os.getProcessCpuTime();
      for (int i = 0; i < runs; i++) {
        long start = System.nanoTime();
        int n = listAll(client, servers, pages);
        totals.add((System.nanoTime() - start) / 1e6);
        if (i == 0) {
          System.out.printf("one listing: %d pages of %d%n", n, pageSize);
        }
      }
      double cpuMillis = (os.getProcessCpuTime() - cpuBefore) / 1e6;
      Collections.sort(totals);
      Collections.sort(pages);
      System.out.printf(
          "whole listing of %,d servers: best %.0f ms, median %.0f ms, worst %.0f ms (%d runs)%n",
          servers,
          totals.get(0),
          totals.get(totals.size() / 2),
          totals.get(totals.size() - 1),
          runs);
      System.out.printf(
          "per page: p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d pages)%n",
          pct(pages, 0.50), pct(pages, 0.99), pages.get(pages.size() - 1), pages.size());
      System.out.printf(
          "CPU of this JVM (client and API together): %.1f ms a page, %.0f ms a listing;"
              + " load average %.1f on %d cores%n",
          cpuMillis / pages.size(),
          cpuMillis / runs,
          os.getSystemLoadAverage(),
          os.getAvailableProcessors());
    }
  }

  /** Lists every page; checks each server comes exactly once; returns the number of pages. */
  private static int listAll(ApiClient client, int expected, List<Double> pageMillis) {
    Set<Long> seen = new HashSet<>(expected * 2);
    String base = Api.BASE + "/infrastructure/Server";
    String paginationId = null;
    int page = 1;
    while (true) {
      long start = System.nanoTime();
      Answer answer =
          client.get(
              paginationId == null
                  ? base
                  : base + "?requestPaginationId=" + paginationId + "&requestPage=" + page);
      pageMillis.add((System.nanoTime() - start) / 1e6);
      if (answer.status() != 200) {
        throw new IllegalStateException(
            "page " + page + ": " + answer.status() + " " + answer.raw());
      }
      answer.body().path("servers").forEach(s -> seen.add(s.path("serverId").asLong()));
      paginationId = answer.header("x-es-pagination");
      if ("true".equals(answer.header("x-es-last-page"))) {
        break;
      }
      page++;
    }
    if (seen.size() != expected) {
      throw new IllegalStateException("listed " + seen.size() + " servers, expected " + expected);
    }
    return page;
  }

  private static double pct(List<Double> sorted, double p) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
  }
}
