package io.stratus.console.storage;

import io.stratus.cloud.spi.CapabilitySnapshot;
import io.stratus.common.access.Access;
import io.stratus.common.access.Qualifier;
import io.stratus.console.cloud.AccountCapabilities;
import io.stratus.console.list.ConsoleKind;
import io.stratus.console.list.KindList;
import io.stratus.console.list.ListPage;
import io.stratus.console.web.BadInput;
import io.stratus.console.web.Reads;
import io.stratus.console.web.Session;
import io.stratus.web.dispatch.DispatcherClient;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Snapshots of volumes: the list, with removal of an available one; and taking one of a volume
 * (from this page's form or a volume's row), where its cloud has snapshots.
 */
@Controller
public class SnapshotController {
  private final Reads reads;
  private final DispatcherClient dispatcher;

  private final KindList lists;

  public SnapshotController(Reads reads, DispatcherClient dispatcher, KindList lists) {
    this.reads = reads;
    this.dispatcher = dispatcher;
    this.lists = lists;
  }

  @GetMapping("/snapshots")
  String list(Access access, HttpServletRequest request, Model model) {
    ListPage page = lists.show(ConsoleKind.SNAPSHOT, access, request, model);
    for (ListPage.Row s : page.rows()) {
      s.extra()
          .put(
              "remove",
              "available".equals(s.value("status"))
                  && AccountCapabilities.may(access, "snapshot", "remove", s.owner()));
    }
    model.addAttribute("volumes", access.may("snapshot", "create") ? volumes(access) : List.of());
    return "snapshots";
  }

  @PostMapping("/snapshots")
  String create(
      Access access,
      HttpServletRequest request,
      @RequestParam long volume,
      @RequestParam String name) {
    access.require("snapshot", "create");
    if (name.isBlank()) {
      throw new BadInput("a snapshot needs a name");
    }
    Qualifier q = access.require("volume", "read");
    Map<String, Object> params = Reads.params(access);
    params.put("id", volume);
    reads.one(
        "SELECT id FROM volume WHERE id = :id AND customer_id = :customer"
            + access.userFilter(q, ""),
        params,
        "volume",
        volume);
    Map<String, Object> body = new HashMap<>();
    body.put("volumeId", volume);
    body.put("name", name.strip());
    DispatcherClient.Ticket ticket =
        dispatcher.act(Session.actor(access, request), "POST", "/snapshots", body);
    return "redirect:/jobs/" + ticket.jobId();
  }

  @PostMapping("/snapshots/{id}/remove")
  String remove(Access access, HttpServletRequest request, @PathVariable long id) {
    reads.requireOwned(access, "snapshot", "snapshot", id, "remove");
    DispatcherClient.Ticket ticket =
        dispatcher.act(Session.actor(access, request), "DELETE", "/snapshots/" + id, null);
    return "redirect:/jobs/" + ticket.jobId();
  }

  /**
   * The volumes the user sees that can be snapshotted now: available or attached, on a cloud with
   * snapshots.
   */
  private List<Map<String, Object>> volumes(Access access) {
    Qualifier q = access.qualifier("volume", "read");
    if (q == null) {
      return List.of();
    }
    AccountCapabilities caps = AccountCapabilities.load(reads, access.customerId());
    List<Map<String, Object>> volumes = new ArrayList<>();
    for (Map<String, Object> v :
        reads.rows(
            """
            SELECT v.id, v.name, v.size_gb, v.cloud_account_id, r.name AS region
              FROM volume v JOIN region r ON r.id = v.region_id
             WHERE v.customer_id = :customer AND v.state IN ('available', 'attached')
            """
                + access.userFilter(q, "v")
                + " ORDER BY v.name",
            Reads.params(access))) {
      if (caps.allows(v.get("cloud_account_id"), CapabilitySnapshot::snapshots)) {
        volumes.add(v);
      }
    }
    return volumes;
  }
}
