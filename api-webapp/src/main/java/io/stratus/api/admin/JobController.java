package io.stratus.api.admin;

import io.stratus.api.Api;
import io.stratus.api.web.ApiException;
import io.stratus.api.web.HeadCounts;
import io.stratus.api.web.Json;
import io.stratus.api.web.PageRequest;
import io.stratus.common.access.Access;
import io.stratus.common.access.Qualifier;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code admin/Job}: what became of an action. {@code status} is RUNNING, COMPLETE or ERROR; when
 * complete, {@code message} holds the id of the resource the action made or acted on (as enStratus
 * clients expect), and {@code description} what the Dispatcher said of it.
 */
@RestController
@RequestMapping(Api.BASE + "/admin/Job")
public class JobController {
  private static final String SELECT =
      """
      SELECT id, customer_id, user_id, action, status, progress, message, resource_type,
             resource_id, created_at, completed_at
        FROM job
       WHERE customer_id = :customer
      """;
  private final JdbcClient jdbc;
  private final int pageSize;

  public JobController(DataSource reads, int pageSize) {
    this.jdbc = JdbcClient.create(reads);
    this.pageSize = pageSize;
  }

  @GetMapping
  public Map<String, Object> list(
      Access access,
      @RequestParam(name = "requestPaginationId", required = false) String paginationId,
      @RequestParam(name = "requestPage", required = false) String page,
      HttpServletRequest http,
      HttpServletResponse response) {
    Qualifier q = access.require("job", "read");
    PageRequest request = PageRequest.of(paginationId, page, pageSize);
    String mine = q == Qualifier.ANY ? "" : " AND user_id = :user";
    long snapshot =
        request.snapshot() != null
            ? request.snapshot()
            : jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM job WHERE customer_id = ?")
                .param(access.customerId())
                .query(Long.class)
                .single();
    if (HeadCounts.countOnly(http)) {
      long count =
          jdbc.sql(
                  "SELECT COUNT(*) FROM job WHERE customer_id = :customer"
                      + mine
                      + " AND id <= :snapshot")
              .param("customer", access.customerId())
              .param("user", access.userId())
              .param("snapshot", snapshot)
              .query(Long.class)
              .single();
      response.setHeader(HeadCounts.HEADER, Long.toString(count));
      request.headers(snapshot, count <= request.offset() + request.size(), response);
      return Map.of();
    }
    List<Map<String, Object>> rows =
        jdbc.sql(SELECT + mine + " AND id <= :snapshot ORDER BY id LIMIT :limit OFFSET :offset")
            .param("customer", access.customerId())
            .param("user", access.userId())
            .param("snapshot", snapshot)
            .param("limit", request.size() + 1)
            .param("offset", request.offset())
            .query((rs, n) -> view(rs))
            .list();
    return Map.of("jobs", request.answer(snapshot, rows, response));
  }

  @GetMapping("/{id}")
  public Map<String, Object> get(Access access, @PathVariable String id) {
    Qualifier q = access.require("job", "read");
    long jobId = Json.pathId(id, "jobId");
    Map<String, Object> job =
        jdbc.sql(SELECT + " AND id = :id")
            .param("customer", access.customerId())
            .param("id", jobId)
            .query(
                (rs, n) -> {
                  Long user = Json.nullableLong(rs, "user_id");
                  if (q != Qualifier.ANY && (user == null || user != access.userId())) {
                    throw ApiException.forbidden("you may read only your own jobs");
                  }
                  return view(rs);
                })
            .optional()
            .orElseThrow(() -> ApiException.notFound("job", jobId));
    return Map.of("jobs", List.of(job));
  }

  private static Map<String, Object> view(ResultSet rs) throws SQLException {
    String status = rs.getString("status");
    String message = rs.getString("message");
    Long resourceId = Json.nullableLong(rs, "resource_id");
    return Json.object(
        "jobId", rs.getLong("id"),
        "status", status,
        "description", rs.getString("action") + (message == null ? "" : ": " + message),
        "message",
            "COMPLETE".equals(status) && resourceId != null ? resourceId.toString() : message,
        "percentComplete", rs.getInt("progress"),
        "jobType", rs.getString("action"),
        "resourceType", rs.getString("resource_type"),
        "resourceId", resourceId,
        "startDate", Json.time(rs, "created_at"),
        "endDate", Json.time(rs, "completed_at"),
        "user", Json.ref("userId", Json.nullableLong(rs, "user_id")),
        "customer", Json.ref("customerId", rs.getLong("customer_id")));
  }
}
