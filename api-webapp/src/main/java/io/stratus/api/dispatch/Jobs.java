package io.stratus.api.dispatch;

import io.stratus.web.dispatch.DispatcherClient;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;

/** The enStratus answer to an asynchronous action: 202 {@code {"jobs":[{"jobId":N,...}]}}. */
public final class Jobs {
  private Jobs() {}

  public static ResponseEntity<Map<String, Object>> accepted(DispatcherClient.Ticket ticket) {
    return ResponseEntity.accepted()
        .body(Map.of("jobs", List.of(Map.of("jobId", ticket.jobId(), "status", "RUNNING"))));
  }
}
