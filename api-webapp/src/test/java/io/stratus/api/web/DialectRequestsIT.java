package io.stratus.api.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratus.api.Api;
import io.stratus.api.support.ApiClient;
import io.stratus.api.support.ApiClient.Answer;
import io.stratus.api.support.ApiFixture;
import io.stratus.api.support.ApiFixture.Customer;
import io.stratus.api.support.Inventory;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How enStratus clients shape requests, over the real API and schema: JSON bodies sent without a
 * JSON Content-Type, parameters the API does not understand on writes, the versions document, and
 * HEAD counts. Nothing here reaches the Dispatcher: every request is refused or only reads.
 */
class DialectRequestsIT {
  private static final String B = Api.BASE;
  private static final String NO_IMAGE = "machineImage.machineImageId is required";
  private static ApiFixture fixture;
  private static ApiClient client;
  private static Customer acme;
  private static long serverId;
  private static long regionId;

  @BeforeAll
  static void start() throws Exception {
    fixture = ApiFixture.readOnly("dialect", 10);
    acme = fixture.newCustomer("acme");
    client = fixture.client(acme);
    Inventory inventory = Inventory.create(fixture.jdbc(), acme.id(), "records");
    inventory.addServers(23, "vm", acme.userId(), null);
    serverId = inventory.serverId("vm-1");
    regionId = inventory.regionId();
  }

  @AfterAll
  static void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  private static Answer launchWith(Map<String, String> contentType, Object body) {
    Map<String, String> headers = new HashMap<>();
    headers.put("Content-Type", null);
    headers.putAll(contentType);
    return client.send("POST", B + "/infrastructure/Server", body, headers);
  }

  @Test
  void shouldReadAJsonBodySentWithoutAJsonContentType() {
    String body = "{\"launch\":[{\"name\":\"x\"}]}";
    for (Map<String, String> type :
        java.util.List.of(
            Map.<String, String>of(),
            Map.of("Content-Type", "text/plain"),
            Map.of("Content-Type", "text/plain; charset=UTF-8"),
            Map.of("Content-Type", "application/octet-stream"),
            Map.of("Content-Type", "application/json"))) {
      Answer answer = launchWith(type, body);
      // Read as JSON: refused for what it says, not for how it was labelled.
      assertEquals(400, answer.status(), type + " → " + answer.raw());
      assertEquals(NO_IMAGE, answer.error(), type + " → " + answer.raw());
    }
  }

  @Test
  void shouldRefuseABodyThatIsNotJsonWithAClear4xx() {
    for (Map<String, String> type :
        java.util.List.of(Map.<String, String>of(), Map.of("Content-Type", "text/plain"))) {
      Answer answer = launchWith(type, "launch a server please");
      assertEquals(400, answer.status(), answer.raw());
      assertTrue(answer.error().contains("not valid JSON"), answer.raw());
    }
    Answer xml = launchWith(Map.of("Content-Type", "application/xml"), "<launch/>");
    assertEquals(415, xml.status(), xml.raw());
    assertTrue(!xml.error().isEmpty(), xml.raw());
  }

  @Test
  void shouldRefuseAScheduleItCannotReadAndLeaveTheServerAsItIs() {
    Answer answer =
        client.delete(B + "/infrastructure/Server/" + serverId + "?terminateAfter=soon");
    assertEquals(400, answer.status(), answer.raw());
    assertTrue(answer.error().startsWith("terminateAfter:"), answer.raw());
    Answer onPut =
        client.put(
            B + "/infrastructure/Server/" + serverId + "?terminateAfter=60000",
            Map.of("stop", java.util.List.of(Map.of())));
    assertEquals(400, onPut.status(), onPut.raw());
    assertTrue(onPut.error().startsWith("terminateAfter:"), onPut.raw());
    Answer onDelete = client.delete(B + "/infrastructure/Server/" + serverId + "?pauseAfter=60000");
    assertEquals(400, onDelete.status(), onDelete.raw());
    assertTrue(onDelete.error().startsWith("pauseAfter:"), onDelete.raw());
    assertEquals(
        "running",
        fixture
            .jdbc()
            .sql("SELECT state FROM server WHERE id = ?")
            .param(serverId)
            .query(String.class)
            .single());
  }

  @Test
  void shouldRefuseAnyParameterAWriteDoesNotUnderstandNamingIt() {
    Answer delete = client.delete(B + "/infrastructure/Server/" + serverId + "?force=true");
    assertEquals(400, delete.status(), delete.raw());
    assertTrue(delete.error().startsWith("unknown parameter force:"), delete.raw());
    Answer put =
        client.put(
            B + "/infrastructure/Server/" + serverId + "?zeta=1&alpha=2",
            Map.of("start", java.util.List.of(Map.of())));
    assertEquals(400, put.status(), put.raw());
    assertTrue(put.error().startsWith("unknown parameters alpha, zeta:"), put.raw());
    Answer post = launchWith(Map.of(), "{\"launch\":[{}]}");
    assertEquals(NO_IMAGE, post.error(), "no parameter, no refusal: " + post.raw());
    Answer postWith =
        client.send(
            "POST", B + "/infrastructure/Server?dryRun=true", "{\"launch\":[{}]}", Map.of());
    assertEquals(400, postWith.status(), postWith.raw());
    assertTrue(postWith.error().startsWith("unknown parameter dryRun:"), postWith.raw());
    // The note clients send with every delete is understood; it changes nothing.
    Answer reason =
        client.delete(B + "/infrastructure/Server/" + serverId + "?reason=no%20longer%20needed");
    assertNotEquals(400, reason.status(), reason.raw());
  }

  @Test
  void shouldRefuseAListFilterByIdThatTheListDoesNotServe() {
    Answer widened = client.get(B + "/infrastructure/Volume?serverId=" + serverId);
    assertEquals(400, widened.status(), widened.raw());
    assertTrue(widened.error().startsWith("unknown parameter serverId:"), widened.raw());
    assertEquals(200, client.get(B + "/infrastructure/Server?regionId=" + regionId).status());
    // An option a read can do without is left alone.
    assertEquals(200, client.get(B + "/geography/Cloud?publicOnly=true").status());
  }

  @Test
  void shouldAnswerTheVersionsDocumentInTheDialectsShape() {
    Answer versions = client.raw("GET", Api.ROOT, null, Map.of("Accept", "application/json"));
    assertEquals(200, versions.status(), versions.raw());
    assertEquals(
        "{\"current\":{\"versionId\":\"2013-03-13\"},\"supported\":[{\"versionId\":\"2013-03-13\"},"
            + "{\"versionId\":\"2012-06-15\"},{\"versionId\":\"2012-02-29\"}]}",
        versions.body().toString());
  }

  @Test
  void shouldServeTheOlderVersionsPathsAsTheCurrentOne() {
    for (String version : java.util.List.of("2012-06-15", "2012-02-29")) {
      String older = Api.ROOT + "/" + version;
      Answer current = client.get(B + "/infrastructure/Server?regionId=" + regionId);
      Answer pinned = client.get(older + "/infrastructure/Server?regionId=" + regionId);
      assertEquals(200, pinned.status(), pinned.raw());
      assertEquals(current.body(), pinned.body());
      Answer one = client.get(older + "/infrastructure/Server/" + serverId);
      assertEquals(serverId, one.body().path("servers").path(0).path("serverId").asLong());
      Answer count = client.send("HEAD", older + "/infrastructure/Server", null, Map.of());
      assertEquals("23", count.header(HeadCounts.HEADER), count.headers().toString());
      Answer unsigned = client.raw("GET", older + "/geography/Cloud", null, Map.of());
      assertEquals(401, unsigned.status(), unsigned.raw());
      Answer refused = client.delete(older + "/infrastructure/Server/" + serverId + "?force=1");
      assertEquals(400, refused.status(), refused.raw());
    }
    Answer unknown = client.get(Api.ROOT + "/2011-01-01/geography/Cloud");
    assertEquals(404, unknown.status(), unknown.raw());
  }

  @Test
  void shouldCountACollectionOnHeadWithItsFiltersAndNoBody() {
    Answer servers = client.send("HEAD", B + "/infrastructure/Server", null, Map.of());
    assertEquals(200, servers.status(), servers.raw());
    assertEquals("23", servers.header(HeadCounts.HEADER), servers.headers().toString());
    assertEquals("", servers.raw());
    Answer filtered =
        client.send("HEAD", B + "/infrastructure/Server?regionId=999999", null, Map.of());
    assertEquals("0", filtered.header(HeadCounts.HEADER), filtered.headers().toString());
    Answer regions = client.send("HEAD", B + "/geography/Region", null, Map.of());
    assertEquals("1", regions.header(HeadCounts.HEADER), regions.headers().toString());
    assertEquals("", regions.raw());
    Answer jobs = client.send("HEAD", B + "/admin/Job", null, Map.of());
    assertEquals("0", jobs.header(HeadCounts.HEADER), jobs.headers().toString());
    Answer one = client.send("HEAD", B + "/infrastructure/Server/" + serverId, null, Map.of());
    assertEquals(200, one.status(), one.raw());
    assertEquals(null, one.header(HeadCounts.HEADER));
  }
}
