package io.stratus.api.admin;

import io.stratus.api.Api;
import io.stratus.api.web.ApiException;
import io.stratus.api.web.Json;
import io.stratus.common.access.Access;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code admin/Customer}: the caller's own customer (any other id is a 404). */
@RestController
@RequestMapping(Api.BASE + "/admin/Customer")
public class CustomerController {
  private final JdbcClient jdbc;

  public CustomerController(DataSource reads) {
    this.jdbc = JdbcClient.create(reads);
  }

  @GetMapping
  public Map<String, Object> list(Access access) {
    return get(access, Long.toString(access.customerId()));
  }

  @GetMapping("/{id}")
  public Map<String, Object> get(Access access, @PathVariable String id) {
    access.require("customer", "read");
    long customerId = Json.pathId(id, "customerId");
    if (customerId != access.customerId()) {
      throw ApiException.notFound("customer", customerId);
    }
    Map<String, Object> customer =
        jdbc.sql("SELECT id, name, status, created_at FROM customer WHERE id = ?")
            .param(customerId)
            .query(
                (rs, n) ->
                    Json.object(
                        "customerId", rs.getLong("id"),
                        "businessName", rs.getString("name"),
                        "status", rs.getString("status").toUpperCase(Locale.ROOT),
                        "createdTimestamp", Json.time(rs, "created_at")))
            .single();
    return Map.of("customers", List.of(customer));
  }
}
