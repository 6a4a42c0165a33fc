package io.stratus.console.job;

import io.stratus.common.access.Access;
import io.stratus.common.access.Qualifier;
import io.stratus.console.web.Reads;
import io.stratus.console.web.Words;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Jobs: the list of past ones, filtered by status, and one job with a progress bar that follows it
 * live (htmx asks for {@code /jobs/{id}/progress} every second until the job ends) and its final
 * message and output.
 */
@Controller
public class JobController {
  private final Reads reads;
  private final int pageSize;

  public JobController(Reads reads, io.stratus.console.ConsoleSettings settings) {
    this.reads = reads;
    this.pageSize = settings.pageSize();
  }

  @GetMapping("/jobs")
  String list(
      Access access,
      @RequestParam(defaultValue = "") String status,
      @RequestParam(defaultValue = "0") int page,
      Model model) {
    Qualifier q = access.require("job", "read");
    Map<String, Object> params = Reads.params(access);
    String where = " WHERE customer_id = :customer" + mine(q);
    if (!status.isEmpty()) {
      where += " AND status = :status";
      params.put("status", status);
    }
    int offset = Math.max(0, page) * pageSize;
    params.put("limit", pageSize + 1);
    params.put("offset", offset);
    var rows =
        reads.rows(
            "SELECT id, action, status, progress, message, resource_type, resource_id, created_at,"
                + " completed_at, "
                + Words.JOB_RESOURCE_NAME
                + " FROM job j"
                + where
                + " ORDER BY id DESC LIMIT :limit OFFSET :offset",
            params);
    model.addAttribute("more", rows.size() > pageSize);
    rows.forEach(Words::about);
    model.addAttribute("jobs", rows.size() > pageSize ? rows.subList(0, pageSize) : rows);
    model.addAttribute("status", status);
    model.addAttribute("page", Math.max(0, page));
    return "jobs";
  }

  @GetMapping("/jobs/{id}")
  String show(Access access, @PathVariable long id, Model model) {
    model.addAttribute("job", job(access, id));
    return "job";
  }

  /** The progress fragment htmx swaps in while the job runs. */
  @GetMapping("/jobs/{id}/progress")
  String progress(Access access, @PathVariable long id, Model model) {
    model.addAttribute("job", job(access, id));
    return "job :: progress";
  }

  private Map<String, Object> job(Access access, long id) {
    Qualifier q = access.require("job", "read");
    Map<String, Object> params = Reads.params(access);
    params.put("id", id);
    return Words.about(
        reads.one(
            "SELECT id, action, status, progress, message, output, resource_type, resource_id,"
                + " created_at, updated_at, completed_at, "
                + Words.JOB_RESOURCE_NAME
                + " FROM job j WHERE id = :id AND customer_id ="
                + " :customer"
                + mine(q),
            params,
            "job",
            id));
  }

  private static String mine(Qualifier q) {
    return q == Qualifier.ANY ? "" : " AND user_id = :accessUser";
  }
}
