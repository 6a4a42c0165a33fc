package io.stratus.api.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratus.api.Api;
import io.stratus.api.support.ApiClient;
import io.stratus.api.support.ApiClient.Answer;
import io.stratus.api.support.ApiFixture;
import io.stratus.api.support.ApiFixture.Customer;
import io.stratus.common.resource.Filter;
import io.stratus.common.resource.ResourceKind;
import io.stratus.common.resource.ResourceKinds;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every listed kind answers list, get and HEAD at each details level, and a list filtered by its
 * first filter, exactly as the golden answers in {@code src/test/resources/kind-listings/} say,
 * byte for byte, over a seeded database. The goldens were written by the hand-written controllers
 * the generic path replaced (run with {@code -Dkind-listings.write=true} to write them again);
 * since then, only {@code x-es-details: none} changed: every kind now answers ids alone there, as
 * servers always did, where the other kinds ignored the header. Every kind here holds eleven rows
 * of the caller's customer and one of another customer's, so a page size of ten makes every list
 * span two pages.
 */
class KindListingsIT {
  private static final String B = Api.BASE + "/";
  private static final boolean WRITE = Boolean.getBoolean("kind-listings.write");
  private static final String[] LEVELS = {"none", "basic", "extended"};

  /** The listed kinds: path, collection, one id, and the first filter's query (or null). */
  record Listed(String path, String collection, long id, String filter) {}

  static final List<Listed> LISTED =
      List.of(
          new Listed("geography/Cloud", "clouds", 101, null),
          new Listed("geography/Region", "regions", 201, "accountId=151"),
          new Listed("geography/DataCenter", "dataCenters", 301, "regionId=201"),
          new Listed("infrastructure/Server", "servers", 701, "regionId=201"),
          new Listed("infrastructure/MachineImage", "images", 401, "regionId=201"),
          new Listed("infrastructure/ServerProduct", "serverProducts", 501, "regionId=201"),
          new Listed("infrastructure/VolumeProduct", "volumeProducts", 601, "regionId=201"),
          new Listed("infrastructure/Volume", "volumes", 801, "regionId=201"),
          new Listed("infrastructure/Snapshot", "snapshots", 901, "regionId=201"),
          new Listed("network/Firewall", "firewalls", 1001, "regionId=201"),
          new Listed("network/FirewallRule", "rules", 1101, "firewallId=1001"),
          new Listed("network/IpAddress", "ipAddresses", 1201, "regionId=201"),
          new Listed("admin/Account", "accounts", 151, null),
          new Listed("admin/Job", "jobs", 1301, null));

  private static ApiFixture fixture;
  private static ApiClient client;

  @BeforeAll
  static void start() throws Exception {
    fixture = ApiFixture.readOnly("kindlistings", 10);
    Customer acme = fixture.newCustomer("acme");
    Customer other = fixture.newCustomer("other");
    KindSeed.seed(fixture.jdbc(), acme, other);
    client = fixture.client(acme);
  }

  @AfterAll
  static void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void shouldAnswerEveryKindAsTheGoldenAnswersSay() throws IOException {
    for (Listed kind : LISTED) {
      String answers = answers(kind);
      String name = kind.path().substring(kind.path().indexOf('/') + 1);
      Path golden = Path.of("src/test/resources/kind-listings", name + ".txt");
      if (WRITE) {
        Files.writeString(golden, answers, StandardCharsets.UTF_8);
        continue;
      }
      assertEquals(golden(name), answers, kind.path());
    }
  }

  @Test
  void shouldListEveryServedKind() {
    Set<String> listed = new TreeSet<>();
    LISTED.forEach(k -> listed.add(k.path()));
    Set<String> served = new TreeSet<>();
    ResourceKinds.API.forEach(k -> served.add(k.path()));
    assertEquals(served, listed);
  }

  @Test
  void shouldPageEveryKindInPagesOfTenFixedWhenTheListingBegan() {
    for (Listed kind : LISTED) {
      Answer first = client.get(B + kind.path());
      assertEquals(200, first.status(), first.raw());
      assertEquals("false", first.header("x-es-last-page"), kind.path());
      assertEquals(10, first.body().path(kind.collection()).size(), kind.path());
      String id = first.header("x-es-pagination");
      Answer second = client.get(B + kind.path() + "?requestPaginationId=" + id + "&requestPage=2");
      assertEquals("true", second.header("x-es-last-page"), kind.path());
      assertEquals(1, second.body().path(kind.collection()).size(), kind.path());
      Answer third = client.get(B + kind.path() + "?requestPaginationId=" + id + "&requestPage=3");
      assertEquals("{\"" + kind.collection() + "\":[]}", third.raw(), kind.path());
      Answer head = client.send("HEAD", B + kind.path(), null, Map.of());
      assertEquals("11", head.header("x-es-count"), kind.path());
    }
  }

  @Test
  void shouldFilterEveryKindByEachOfItsDeclaredFiltersAndRefuseOthers() {
    Map<String, String> values =
        Map.of(
            "regionId", "202",
            "accountId", "152",
            "dataCenterId", "301",
            "firewallId", "1002",
            "volumeId", "801",
            "serverId", "701",
            "name", "ol",
            "state", "terminated");
    for (ResourceKind kind : ResourceKinds.API) {
      String collection = kind.collection();
      for (Filter f : kind.filters()) {
        String value = values.get(f.param());
        Answer answer = client.get(B + kind.path() + "?" + f.param() + "=" + value);
        assertEquals(200, answer.status(), kind.path() + " " + f.param() + ": " + answer.raw());
        JsonNode rows = answer.body().path(collection);
        assertTrue(rows.size() < 11, kind.path() + " " + f.param() + " filters: " + rows);
        Answer head =
            client.send("HEAD", B + kind.path() + "?" + f.param() + "=" + value, null, Map.of());
        assertEquals(String.valueOf(rows.size()), head.header("x-es-count"), kind.path());
      }
      Answer unknown = client.get(B + kind.path() + "?bogusId=4");
      assertEquals(400, unknown.status(), kind.path() + ": " + unknown.raw());
      assertEquals(
          "unknown parameter bogusId: this operation does not understand it and refuses the"
              + " request rather than ignore it",
          unknown.error());
      Answer malformed = client.get(B + kind.path() + "/x1");
      assertEquals(400, malformed.status(), kind.path() + ": " + malformed.raw());
    }
    Answer region = client.get(B + "infrastructure/Volume?regionId=202");
    assertEquals("[803]", ids(region.body().path("volumes"), "volumeId"));
    Answer name = client.get(B + "infrastructure/Server?name=OL");
    assertEquals("[703]", ids(name.body().path("servers"), "serverId"));
    Answer state = client.get(B + "infrastructure/Server?state=terminated");
    assertEquals("[703]", ids(state.body().path("servers"), "serverId"));
    assertEquals(404, client.get(B + "infrastructure/Cloud").status(), "a kind in another family");
    assertEquals(404, client.get(B + "geography/Nothing").status());
    assertEquals("no such path", client.post(B + "geography/Nothing", "{}").error());
    assertEquals(404, client.delete(B + "geography/Nothing/4").status());
    assertEquals(405, client.post(B + "geography/Cloud", "{}").status(), "a kind without actions");
    assertEquals(405, client.put(B + "infrastructure/Server", "{}").status());
    assertEquals(405, client.post(B + "admin/Job", "{}").status(), "a kind without actions");
  }

  private static String ids(JsonNode rows, String field) {
    List<Long> ids = new ArrayList<>();
    rows.forEach(r -> ids.add(r.path(field).asLong()));
    return ids.toString();
  }

  private static String golden(String name) throws IOException {
    try (InputStream in =
        KindListingsIT.class.getResourceAsStream("/kind-listings/" + name + ".txt")) {
      if (in == null) {
        throw new AssertionError("no golden answers for " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Each request and its answer on one line. */
  private static String answers(Listed kind) {
    StringBuilder out = new StringBuilder();
    for (String details : LEVELS) {
      Map<String, String> headers = Map.of("x-es-details", details);
      String path = B + kind.path();
      out.append("GET ").append(kind.path()).append(" [").append(details).append("] ");
      out.append(list(path, kind.collection(), headers)).append('\n');
      if (kind.filter() != null) {
        out.append("GET ").append(kind.path()).append('?').append(kind.filter());
        out.append(" [").append(details).append("] ");
        out.append(list(path + "?" + kind.filter(), kind.collection(), headers)).append('\n');
      }
      Answer one = client.send("GET", path + "/" + kind.id(), null, headers);
      out.append("GET ").append(kind.path()).append('/').append(kind.id());
      out.append(" [").append(details).append("] ").append(one.status()).append(' ');
      out.append(one.raw()).append('\n');
      Answer head = client.send("HEAD", path, null, headers);
      out.append("HEAD ").append(kind.path()).append(" [").append(details).append("] ");
      out.append(head.status()).append(" x-es-count=").append(head.header("x-es-count"));
      out.append('\n');
    }
    Answer missing = client.get(B + kind.path() + "/1999999");
    out.append("GET ").append(kind.path()).append("/1999999 ").append(missing.status());
    out.append(' ').append(missing.error()).append('\n');
    return out.toString();
  }

  /**
   * The whole listing as one answer: every page's elements, spliced byte for byte into the first
   * page's envelope; with the status of every page.
   */
  static String list(String path, String collection, Map<String, String> headers) {
    String prefix = "{\"" + collection + "\":[";
    List<String> items = new ArrayList<>();
    List<Integer> statuses = new ArrayList<>();
    Answer page = client.send("GET", path, null, headers);
    String paginationId = page.header("x-es-pagination");
    int n = 1;
    while (true) {
      statuses.add(page.status());
      String raw = page.raw();
      if (page.status() != 200 || !raw.startsWith(prefix) || !raw.endsWith("]}")) {
        return statuses + " " + raw;
      }
      String elements = raw.substring(prefix.length(), raw.length() - 2);
      if (!elements.isEmpty()) {
        items.add(elements);
      }
      if (paginationId == null || "true".equals(page.header("x-es-last-page"))) {
        break;
      }
      n++;
      String sep = path.contains("?") ? "&" : "?";
      page =
          client.send(
              "GET",
              path + sep + "requestPaginationId=" + paginationId + "&requestPage=" + n,
              null,
              headers);
    }
    return "200 " + prefix + String.join(",", items) + "]}";
  }
}
