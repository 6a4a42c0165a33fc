package io.stratus.console.audit;

import io.stratus.common.access.Access;
import io.stratus.common.access.Qualifier;
import io.stratus.common.db.Like;
import io.stratus.console.ConsoleSettings;
import io.stratus.console.web.BadInput;
import io.stratus.console.web.Reads;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The audit log: the customer's events, newest first, paged, filtered by actor (part of it),
 * action, outcome, resource type and a date range (both days included, as stored: UTC). With an
 * {@code audit_event} right narrower than ANY, a user sees only the events it caused.
 */
@Controller
public class AuditController {
  static final List<String> OUTCOMES = List.of("success", "refused", "failure", "error");

  private final Reads reads;
  private final int pageSize;

  public AuditController(Reads reads, ConsoleSettings settings) {
    this.reads = reads;
    this.pageSize = settings.pageSize();
  }

  @GetMapping("/audit")
  String list(
      Access access,
      @RequestParam(defaultValue = "") String actor,
      @RequestParam(defaultValue = "") String action,
      @RequestParam(defaultValue = "") String outcome,
      @RequestParam(defaultValue = "") String resourceType,
      @RequestParam(defaultValue = "") String from,
      @RequestParam(defaultValue = "") String to,
      @RequestParam(defaultValue = "0") int page,
      Model model) {
    Qualifier q = access.require("audit_event", "read");
    Map<String, Object> params = Reads.params(access);
    StringBuilder where = new StringBuilder(" WHERE customer_id = :customer");
    if (q != Qualifier.ANY) {
      where.append(" AND actor_user_id = :accessUser");
    }
    if (!actor.isBlank()) {
      where.append(" AND ").append(Like.containsIgnoringCase("actor", "actor"));
      params.put("actor", Like.containing(actor.strip()));
    }
    if (!action.isBlank()) {
      where.append(" AND action = :action");
      params.put("action", action.strip());
    }
    if (!outcome.isBlank()) {
      where.append(" AND outcome = :outcome");
      params.put("outcome", outcome.strip());
    }
    if (!resourceType.isBlank()) {
      where.append(" AND resource_type = :resourceType");
      params.put("resourceType", resourceType.strip());
    }
    LocalDate start = date(from, "from");
    LocalDate end = date(to, "to");
    if (start != null && end != null && end.isBefore(start)) {
      throw new BadInput("the date range ends (" + end + ") before it starts (" + start + ")");
    }
    if (start != null) {
      where.append(" AND created_at >= :from");
      params.put("from", Timestamp.valueOf(start.atStartOfDay()));
    }
    if (end != null) {
      where.append(" AND created_at < :to");
      params.put("to", Timestamp.valueOf(end.plusDays(1).atStartOfDay()));
    }
    int current = Math.max(0, page);
    params.put("limit", pageSize + 1);
    params.put("offset", (long) current * pageSize);
    List<Map<String, Object>> rows =
        reads.rows(
            "SELECT id, created_at, actor, action, resource_type, resource_id, source_address,"
                + " outcome, detail FROM audit_event"
                + where
                + " ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset",
            params);
    model.addAttribute("events", rows.size() > pageSize ? rows.subList(0, pageSize) : rows);
    model.addAttribute("more", rows.size() > pageSize);
    model.addAttribute("page", current);
    model.addAttribute("actor", actor);
    model.addAttribute("action", action);
    model.addAttribute("outcome", outcome);
    model.addAttribute("resourceType", resourceType);
    model.addAttribute("from", from);
    model.addAttribute("to", to);
    model.addAttribute("outcomes", OUTCOMES);
    return "audit";
  }

  private static LocalDate date(String value, String what) {
    if (value.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw new BadInput(what + " must be a date (2026-01-31), not '" + value.strip() + "'");
    }
  }
}
