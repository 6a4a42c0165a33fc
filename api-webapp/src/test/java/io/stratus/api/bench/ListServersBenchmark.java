package io.stratus.api.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.stratus.api.Api;
import io.stratus.api.support.ApiClient;
import io.stratus.api.support.ApiClient.Answer;
import io.stratus.api.support.ApiFixture;
import io.stratus.api.support.ApiFixture.Customer;
import io.stratus.api.support.Inventory;
import io.stratus.common.resource.ResourceKind;
import io.stratus.common.resource.ResourceKinds;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

/**
 * Lists every server of a large inventory through the API, all pages, one client on one kept-alive
 * HTTPS connection, each request signed and checked (key lookup, secret unsealed, rights read):
 * what a script listing its whole estate sees. The inventory is written straight into MySQL (the
 * servers of an inactive account, so no cache worker touches them).
 *
 * <p>Usage: {@code ListServersBenchmark [servers=25000] [page size=250] [warm-up listings=5]
 * [measured listings=10]}; see docs/benchmarks.md. Targets: ≤ 0.5 s for a whole listing, ≤ 20 ms
 * p99 per page.
 *
 * <p>{@code -Dbench.kind=<collection>} (e.g. {@code volumes}) lists another declared kind instead,
 * its rows copied from one of the customer's and the neighbour's as many ({@link BenchRows}); the
 * arguments count those rows.
 *
 * <p>The client, in the same JVM, is by default a streaming one, as a script listing its estate
 * would use: the JDK's HttpClient over TLS, each request signed exactly as {@link ApiClient} signs
 * it (and so checked in full by the API), the body read as bytes and every token of it parsed with
 * a Jackson {@link JsonParser}, every {@code serverId} taken from it. {@code -Dbench.client=tree}
 * uses {@link ApiClient} instead (body decoded to a String, then a whole JsonNode tree), as the
 * figures before 2026-11-28 evening did.
 */
public final class ListServersBenchmark {
  private ListServersBenchmark() {}

  /** The kind listed: servers unless {@code -Dbench.kind} names another's collection. */
  private static final ResourceKind KIND =
      ResourceKinds.API.stream()
          .filter(k -> k.collection().equals(System.getProperty("bench.kind", "servers")))
          .findFirst()
          .orElseThrow(
              () ->
                  new IllegalArgumentException(
                      "bench.kind must be the collection of a declared kind, e.g. servers or"
                          + " volumes"));

  public static void main(String[] args) throws Exception {
    int servers = args.length > 0 ? Integer.parseInt(args[0]) : 25_000;
    int pageSize = args.length > 1 ? Integer.parseInt(args[1]) : 250;
    int warmUps = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    int runs = args.length > 3 ? Integer.parseInt(args[3]) : 10;
    // One client listing as fast as it can is what is measured, not the per-key rate limit.
    Map<String, String> unlimited =
        Map.of("api.rate-limit", "100000", "api.rate-limit.burst", "1000000");
    try (ApiFixture fixture = ApiFixture.readOnly("listbench", pageSize, unlimited)) {
      Customer bench = fixture.newCustomer("bench");
      Inventory inventory = Inventory.create(fixture.jdbc(), bench.id(), "records");
      long loaded = System.nanoTime();
      Customer other = fixture.newCustomer("neighbour");
      Inventory neighbour = Inventory.create(fixture.jdbc(), other.id(), "records");
      if (KIND.collection().equals("servers")) {
        inventory.addServers(servers, "bench", bench.userId(), null);
        // A neighbour with as many servers, so the customer filter has work to do.
        neighbour.addServers(servers, "n", null, null);
      } else {
        BenchRows.add(fixture.jdbc(), KIND, bench, inventory, servers);
        BenchRows.add(fixture.jdbc(), KIND, other, neighbour, servers);
      }
      System.out.printf(
          "inventory: %,d %s written in %.1f s (and as many of a neighbour's)%n",
          servers, KIND.collection(), (System.nanoTime() - loaded) / 1e9);
      ApiClient signer = fixture.client(bench);
      SSLContext tls = fixture.km().tls("console").sslContext();
      Lister client =
          switch (System.getProperty("bench.client", "url")) {
            case "tree" -> new TreeLister(signer);
            case "stream" -> new StreamingLister(signer, tls, fixture.port());
            default -> new UrlLister(signer, tls, fixture.port());
          };
      System.out.println("client: " + client.getClass().getSimpleName());

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
          "whole listing of %,d %s: best %.0f ms, median %.0f ms, worst %.0f ms (%d runs)%n",
          servers,
          KIND.collection(),
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

  /** One page as the benchmark needs it: the status, the paging headers, the ids listed. */
  private record Page(int status, String paginationId, boolean last, String error, int count) {}

  private interface Lister {
    /** GETs the path (signed); adds each listed server's id to {@code ids}. */
    Page get(String path, Set<Long> ids);
  }

  /** {@link ApiClient}: the body as a String, parsed into a whole tree. */
  private record TreeLister(ApiClient client) implements Lister {
    @Override
    public Page get(String path, Set<Long> ids) {
      Answer answer = client.get(path);
      answer
          .body()
          .path(KIND.collection())
          .forEach(s -> ids.add(s.path(KIND.id().json()).asLong()));
      return new Page(
          answer.status(),
          answer.header("x-es-pagination"),
          "true".equals(answer.header("x-es-last-page")),
          answer.raw(),
          answer.body().path(KIND.collection()).size());
    }
  }

  /** Signed as {@link ApiClient} signs; the body as bytes, every token of it parsed in a stream. */
  private static final class StreamingLister implements Lister {
    private static final JsonFactory JSON = new JsonFactory();
    private final ApiClient signer;
    private final HttpClient http;
    private final URI base;

    StreamingLister(ApiClient signer, SSLContext tls, int port) {
      this.signer = signer;
      this.http =
          HttpClient.newBuilder()
              .sslContext(tls)
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(5))
              .build();
      this.base = URI.create("https://127.0.0.1:" + port);
    }

    @Override
    public Page get(String path, Set<Long> ids) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60)).GET();
      signer.signature("GET", path).forEach(request::setHeader);
      request.setHeader("Accept", "application/json");
      try {
        HttpResponse<byte[]> response =
            http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        String paginationId = response.headers().firstValue("x-es-pagination").orElse(null);
        boolean last = "true".equals(response.headers().firstValue("x-es-last-page").orElse(null));
        if (response.statusCode() != 200) {
          return new Page(
              response.statusCode(), paginationId, last, new String(response.body()), 0);
        }
        return new Page(200, paginationId, last, null, parse(response.body(), ids));
      } catch (IOException e) {
        throw new IllegalStateException("GET " + path + " failed: " + e, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    /** {@code {"servers":[{"serverId":N,...},...]}} (or the kind's): every token read, every id. */
    static int parse(byte[] body, Set<Long> ids) throws IOException {
      int count = 0;
      try (JsonParser json = JSON.createParser(body)) {
        if (json.nextToken() != JsonToken.START_OBJECT) {
          throw new IOException("not a JSON object");
        }
        while (json.nextToken() == JsonToken.FIELD_NAME) {
          String field = json.currentName();
          JsonToken value = json.nextToken();
          if (!field.equals(KIND.collection()) || value != JsonToken.START_ARRAY) {
            json.skipChildren();
            continue;
          }
          while (json.nextToken() == JsonToken.START_OBJECT) {
            long id = -1;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
              String name = json.currentName();
              json.nextToken();
              if (name.equals(KIND.id().json())) {
                id = json.getLongValue();
              } else {
                json.skipChildren();
              }
            }
            if (id < 0) {
              throw new IOException("a row without its " + KIND.id().json());
            }
            ids.add(id);
            count++;
          }
        }
        if (json.nextToken() != null) {
          throw new IOException("trailing content");
        }
      }
      return count;
    }
  }

  /**
   * The JDK's blocking HTTPS client ({@link HttpsURLConnection}, kept-alive connection, host name
   * checked against the API's certificate), signed as {@link ApiClient} signs, the body parsed as
   * {@link StreamingLister} parses it.
   */
  private static final class UrlLister implements Lister {
    private final ApiClient signer;
    private final SSLSocketFactory sockets;
    private final String base;

    UrlLister(ApiClient signer, SSLContext tls, int port) {
      this.signer = signer;
      this.sockets = tls.getSocketFactory();
      this.base = "https://127.0.0.1:" + port;
    }

    @Override
    public Page get(String path, Set<Long> ids) {
      try {
        HttpsURLConnection http =
            (HttpsURLConnection) URI.create(base + path).toURL().openConnection();
        http.setSSLSocketFactory(sockets);
        http.setConnectTimeout(5000);
        http.setReadTimeout(60_000);
        signer.signature("GET", path).forEach(http::setRequestProperty);
        http.setRequestProperty("Accept", "application/json");
        int status = http.getResponseCode();
        String paginationId = http.getHeaderField("x-es-pagination");
        boolean last = "true".equals(http.getHeaderField("x-es-last-page"));
        if (status != 200) {
          byte[] error =
              http.getErrorStream() == null ? new byte[0] : http.getErrorStream().readAllBytes();
          return new Page(status, paginationId, last, new String(error, StandardCharsets.UTF_8), 0);
        }
        byte[] body;
        try (InputStream in = http.getInputStream()) {
          body = in.readAllBytes();
        }
        return new Page(200, paginationId, last, null, StreamingLister.parse(body, ids));
      } catch (IOException e) {
        throw new IllegalStateException("GET " + path + " failed: " + e, e);
      }
    }
  }

  /** Lists every page; checks each server comes exactly once; returns the number of pages. */
  private static int listAll(Lister client, int expected, List<Double> pageMillis) {
    Set<Long> seen = new HashSet<>(expected * 2);
    String base = Api.BASE + "/" + KIND.path();
    String paginationId = null;
    int page = 1;
    int listed = 0;
    while (true) {
      long start = System.nanoTime();
      Page answer =
          client.get(
              paginationId == null
                  ? base
                  : base + "?requestPaginationId=" + paginationId + "&requestPage=" + page,
              seen);
      pageMillis.add((System.nanoTime() - start) / 1e6);
      if (answer.status() != 200) {
        throw new IllegalStateException(
            "page " + page + ": " + answer.status() + " " + answer.error());
      }
      listed += answer.count();
      paginationId = answer.paginationId();
      if (answer.last()) {
        break;
      }
      page++;
    }
    if (seen.size() != expected || listed != expected) {
      throw new IllegalStateException(
          "listed " + listed + " rows (" + seen.size() + " distinct), expected " + expected);
    }
    return page;
  }

  private static double pct(List<Double> sorted, double p) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
  }
}
