package io.stratus.api.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratus.api.Api;
import io.stratus.api.support.ApiClient;
import io.stratus.api.support.ApiClient.Answer;
import io.stratus.api.support.ApiFixture;
import io.stratus.api.support.ApiFixture.Customer;
import io.stratus.api.support.Inventory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The server list is written straight from the result set, the single server through per-row maps
 * and Jackson: both must give the same object for a server, byte for byte, at every details level,
 * with every nullable column both set and null and text that needs escaping.
 */
class ServerListingIT {
  private static final String B = Api.BASE + "/infrastructure/Server";
  private static ApiFixture fixture;
  private static ApiClient client;

  @BeforeAll
  static void start() throws Exception {
    fixture = ApiFixture.readOnly("serverlisting", 10);
    Customer acme = fixture.newCustomer("acme");
    JdbcClient jdbc = fixture.jdbc();
    Inventory.create(jdbc, acme.id(), "records").addServers(23, "vm", acme.userId(), null);
    long region =
        jdbc.sql("SELECT id FROM region WHERE customer_id = ?")
            .param(acme.id())
            .query(Long.class)
            .single();
    long account =
        jdbc.sql("SELECT cloud_account_id FROM region WHERE id = ?")
            .param(region)
            .query(Long.class)
            .single();
    jdbc.sql(
            "INSERT INTO data_center (customer_id, region_id, provider_dc_id, name)"
                + " VALUES (?, ?, 'dc-1', 'dc one')")
        .params(acme.id(), region)
        .update();
    jdbc.sql(
            "INSERT INTO machine_image (customer_id, cloud_account_id, region_id,"
                + " provider_image_id, name, state) VALUES (?, ?, ?, 'img-1', 'Ubuntu \"LTS\" é',"
                + " 'active')")
        .params(acme.id(), account, region)
        .update();
    jdbc.sql(
            "INSERT INTO server_product (customer_id, cloud_account_id, region_id,"
                + " provider_product_id, name, cpu_count, ram_mb) VALUES (?, ?, ?, 'p-1',"
                + " 'small\\\\1', 1, 512)")
        .params(acme.id(), account, region)
        .update();
    List<Long> ids =
        jdbc.sql("SELECT id FROM server WHERE customer_id = ? ORDER BY id")
            .param(acme.id())
            .query(Long.class)
            .list();
    // Every nullable column set, with text that needs escaping.
    jdbc.sql(
            "UPDATE server SET data_center_id = (SELECT MAX(id) FROM data_center),"
                + " image_id = (SELECT MAX(id) FROM machine_image),"
                + " product_id = (SELECT MAX(id) FROM server_product),"
                + " description = 'a \"quoted\"\\nline\\t\\u00e9 \u2603 </script>',"
                + " state = 'stopped', state_reason = 'user asked', public_ip = '198.51.100.7',"
                + " owner_group_id = 42, launched_at = '2026-01-02 03:04:05.000',"
                + " terminated_at = '2026-01-02 03:04:05.120' WHERE id = ?")
        .param(ids.get(0))
        .update();
    // Every nullable column null.
    jdbc.sql(
            "UPDATE server SET provider_server_id = NULL, private_ip = NULL, owner_user_id = NULL,"
                + " launched_at = NULL, state = 'stopping' WHERE id = ?")
        .param(ids.get(1))
        .update();
    jdbc.sql(
            "UPDATE server SET state = 'pending', created_at = '1999-12-31 23:59:59.999' WHERE id = ?")
        .param(ids.get(2))
        .update();
    client = fixture.client(acme);
  }

  @AfterAll
  static void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void shouldListEachServerAsItIsShownAloneAtEveryDetailsLevel() {
    for (String details : new String[] {null, "none", "basic", "extended", " Extended "}) {
      Map<String, String> headers = details == null ? Map.of() : Map.of("x-es-details", details);
      List<JsonNode> listed = new ArrayList<>();
      List<String> last = new ArrayList<>();
      Answer page = client.send("GET", B, null, headers);
      String paginationId = page.header("x-es-pagination");
      int n = 1;
      while (true) {
        assertEquals(200, page.status(), page.raw());
        assertEquals("application/json", page.header("content-type"));
        assertEquals(paginationId, page.header("x-es-pagination"));
        assertEquals(
            String.valueOf(page.raw().getBytes(java.nio.charset.StandardCharsets.UTF_8).length),
            page.header("content-length"));
        page.body().path("servers").forEach(listed::add);
        last.add(page.header("x-es-last-page"));
        if ("true".equals(page.header("x-es-last-page"))) {
          break;
        }
        n++;
        page =
            client.send(
                "GET",
                B + "?requestPaginationId=" + paginationId + "&requestPage=" + n,
                null,
                headers);
      }
      assertEquals(List.of("false", "false", "true"), last, "pages of 10, 10 and 3");
      assertEquals(23, listed.size());
      for (JsonNode server : listed) {
        Answer alone =
            client.send("GET", B + "/" + server.path("serverId").asLong(), null, headers);
        assertEquals(200, alone.status(), alone.raw());
        assertEquals(alone.header("content-type"), page.header("content-type"));
        assertEquals(
            alone.body().path("servers").path(0).toString(),
            server.toString(),
            "details " + details);
      }
      String raw = page.raw();
      assertEquals(raw, page.body().toString(), "compact, as Jackson writes it");
    }
    Answer beyond = client.get(B + "?requestPaginationId=P1&requestPage=9");
    assertEquals(200, beyond.status(), beyond.raw());
    assertEquals("{\"servers\":[]}", beyond.raw());
    assertEquals("true", beyond.header("x-es-last-page"));
  }
}
