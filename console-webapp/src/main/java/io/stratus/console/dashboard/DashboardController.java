package io.stratus.console.dashboard;

import io.stratus.common.access.Access;
import io.stratus.common.access.Qualifier;
import io.stratus.console.web.Reads;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The first page after sign-in: servers by state and by cloud, recent jobs, agents the pinger
 * cannot reach, recent audit events; each part only when the user may read it.
 */
@Controller
public class DashboardController {
  private final Reads reads;

  public DashboardController(Reads reads) {
    this.reads = reads;
  }

  @GetMapping("/")
  String dashboard(Access access, Model model) {
    Map<String, Object> params = Reads.params(access);
    Qualifier servers = access.qualifier("server", "read");
    if (servers != null) {
      String reach = access.filter(servers, "s");
      model.addAttribute(
          "byState",
          reads.rows(
              "SELECT s.state, COUNT(*) AS n FROM server s WHERE s.customer_id = :customer"
                  + " AND s.state <> 'terminated'"
                  + reach
                  + " GROUP BY s.state ORDER BY s.state",
              params));
      model.addAttribute(
          "byCloud",
          reads.rows(
              """
              SELECT c.name AS cloud, a.name AS account, COUNT(s.id) AS n
                FROM server s
                JOIN cloud_account a ON a.id = s.cloud_account_id
                JOIN cloud c ON c.id = a.cloud_id
               WHERE s.customer_id = :customer AND s.state <> 'terminated'
              """
                  + reach
                  + " GROUP BY c.name, a.name ORDER BY c.name, a.name",
              params));
      model.addAttribute(
          "unreachable",
          reads.rows(
              """
              SELECT s.id, s.name, g.last_seen_at, g.consecutive_misses
                FROM guest_agent g JOIN server s ON s.id = g.server_id
               WHERE g.customer_id = :customer AND g.state = 'unreachable'
                 AND s.state <> 'terminated'
              """
                  + reach
                  + " ORDER BY g.last_seen_at LIMIT 20",
              params));
    }
    Qualifier jobs = access.qualifier("job", "read");
    if (jobs != null) {
      model.addAttribute(
          "jobs",
          reads.rows(
              "SELECT id, action, status, progress, message, created_at FROM job"
                  + " WHERE customer_id = :customer"
                  + (jobs == Qualifier.ANY ? "" : " AND user_id = :accessUser")
                  + " ORDER BY id DESC LIMIT 10",
              params));
    }
    if (access.may("audit_event", "read")) {
      model.addAttribute(
          "audit",
          reads.rows(
              """
              SELECT created_at, actor, action, resource_type, resource_id, outcome
                FROM audit_event WHERE customer_id = :customer ORDER BY id DESC LIMIT 10
              """,
              params));
    }
    return "dashboard";
  }
}
