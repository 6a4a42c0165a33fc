package io.stratus.console.server;

import io.stratus.common.access.Access;
import io.stratus.common.access.Qualifier;
import io.stratus.console.list.ConsoleKind;
import io.stratus.console.list.KindList;
import io.stratus.console.web.BadInput;
import io.stratus.console.web.Reads;
import io.stratus.console.web.Session;
import io.stratus.web.dispatch.DispatcherClient;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Servers: a filtered, paged list; one server's page (state, addresses, image, product, volumes,
 * agent, recent logs and jobs) with the actions its state and the user's rights allow; and those
 * actions, each sent to the Dispatcher and followed on its job's page.
 */
@Controller
public class ServerController {
  private final Reads reads;
  private final DispatcherClient dispatcher;
  private final KindList lists;

  public ServerController(Reads reads, DispatcherClient dispatcher, KindList lists) {
    this.reads = reads;
    this.dispatcher = dispatcher;
    this.lists = lists;
  }

  @GetMapping("/servers")
  String list(Access access, HttpServletRequest request, Model model) {
    lists.show(ConsoleKind.SERVER, access, request, model);
    return "servers";
  }

  @GetMapping("/servers/{id}")
  String show(Access access, @PathVariable long id, Model model) {
    Qualifier q = access.require("server", "read");
    Map<String, Object> params = Reads.params(access);
    params.put("id", id);
    Map<String, Object> server =
        reads.one(
            """
            SELECT s.*, a.name AS account, r.name AS region, d.name AS data_center,
                   i.name AS image, p.name AS product, p.cpu_count, p.ram_mb
              FROM server s
              JOIN cloud_account a ON a.id = s.cloud_account_id
              JOIN region r ON r.id = s.region_id
              LEFT JOIN data_center d ON d.id = s.data_center_id
              LEFT JOIN machine_image i ON i.id = s.image_id
              LEFT JOIN server_product p ON p.id = s.product_id
             WHERE s.id = :id AND s.customer_id = :customer
            """
                + access.filter(q, "s"),
            params,
            "server",
            id);
    model.addAttribute("server", server);
    model.addAttribute("product", product(server));
    List<String> actions = new ArrayList<>();
    for (String action : ServerStates.ACTIONS) {
      Qualifier granted = access.qualifier("server", action);
      if (granted != null
          && access.owns(granted, owner(server, "owner_user_id"), owner(server, "owner_group_id"))
          && ServerStates.allows(action, server.get("state"))) {
        actions.add(action);
      }
    }
    model.addAttribute("actions", actions);
    model.addAttribute("scheduleOptions", ServerScheduleController.options(access, server));
    Qualifier scripts = access.qualifier("server", "script");
    model.addAttribute(
        "volumes",
        reads.rows(
            "SELECT id, name, size_gb, device_name, state FROM volume"
                + " WHERE server_id = :id AND customer_id = :customer ORDER BY id",
            params));
    Map<String, Object> agent =
        reads
            .rows(
                "SELECT state, agent_version, last_seen_at, consecutive_misses FROM guest_agent"
                    + " WHERE server_id = :id AND customer_id = :customer",
                params)
            .stream()
            .findFirst()
            .orElse(null);
    model.addAttribute("agent", agent);
    // Event scripts run on a running server whose agent answers, for who may run them.
    model.addAttribute(
        "runScripts",
        scripts != null
            && access.owns(scripts, owner(server, "owner_user_id"), owner(server, "owner_group_id"))
            && "running".equals(server.get("state"))
            && agent != null
            && "reachable".equals(agent.get("state")));
    model.addAttribute("scriptNames", SCRIPTS);
    model.addAttribute(
        "logs",
        reads.rows(
            "SELECT log_name, line, collected_at FROM agent_log_line"
                + " WHERE server_id = :id AND customer_id = :customer ORDER BY id DESC LIMIT 50",
            params));
    model.addAttribute("jobs", reads.jobsAbout(access, "server", id));
    return "server";
  }

  /** Start, stop, reboot or terminate; the job's page follows it. */
  @PostMapping("/servers/{id}/{action}")
  String act(
      Access access,
      HttpServletRequest request,
      @PathVariable long id,
      @PathVariable String action) {
    if (!ServerStates.ALLOWED.containsKey(action)) {
      throw new BadInput("a server can be started, stopped, rebooted or terminated, not " + action);
    }
    Qualifier q = access.require("server", "read");
    Map<String, Object> params = Reads.params(access);
    params.put("id", id);
    Map<String, Object> server =
        reads.one(
            "SELECT owner_user_id, owner_group_id FROM server WHERE id = :id"
                + " AND customer_id = :customer"
                + access.filter(q, ""),
            params,
            "server",
            id);
    access.requireOn(
        "server", action, owner(server, "owner_user_id"), owner(server, "owner_group_id"));
    DispatcherClient.Ticket ticket =
        action.equals("terminate")
            ? dispatcher.act(Session.actor(access, request), "DELETE", "/servers/" + id, null)
            : dispatcher.act(
                Session.actor(access, request), "POST", "/servers/" + id + "/" + action, null);
    return "redirect:/jobs/" + ticket.jobId();
  }

  /**
   * Runs one of the agent's event scripts (a shipped one or a custom one by name) with its
   * arguments, one per line of the form; the job's page shows the exit code and output.
   */
  @PostMapping("/servers/{id}/scripts")
  String runScript(
      Access access,
      HttpServletRequest request,
      @PathVariable long id,
      @RequestParam String script,
      @RequestParam(defaultValue = "") String args,
      @RequestParam(required = false) Integer timeoutSeconds) {
    String name = script.strip();
    if (!SCRIPT_NAME.matcher(name).matches()) {
      throw new BadInput(
          "a script name is letters, digits, '_' or '-' (at most 64), starting with a letter");
    }
    Qualifier q = access.require("server", "read");
    Map<String, Object> params = Reads.params(access);
    params.put("id", id);
    Map<String, Object> server =
        reads.one(
            "SELECT owner_user_id, owner_group_id FROM server WHERE id = :id"
                + " AND customer_id = :customer"
                + access.filter(q, ""),
            params,
            "server",
            id);
    access.requireOn(
        "server", "script", owner(server, "owner_user_id"), owner(server, "owner_group_id"));
    List<String> list = new ArrayList<>();
    for (String line : args.split("\n", -1)) {
      String arg = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
      if (!arg.isEmpty()) {
        list.add(arg);
      }
    }
    Map<String, Object> body = new java.util.HashMap<>();
    body.put("args", list);
    if (timeoutSeconds != null) {
      body.put("timeoutSeconds", timeoutSeconds);
    }
    DispatcherClient.Ticket ticket =
        dispatcher.act(
            Session.actor(access, request), "POST", "/servers/" + id + "/scripts/" + name, body);
    return "redirect:/jobs/" + ticket.jobId();
  }

  /** The event scripts every agent ships (docs/guest-agent.md); custom ones are named by hand. */
  static final List<String> SCRIPTS =
      List.of(
          "scaleCheck",
          "addUser",
          "removeUser",
          "mount",
          "unmount",
          "format",
          "configureService",
          "backupService");

  private static final java.util.regex.Pattern SCRIPT_NAME =
      java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");

  /**
   * The product as the page shows it: its name, then its size unless the name already says it (the
   * local cloud's "Small (1 CPU, 256 MB)" would otherwise read its size twice); null without one.
   */
  static String product(Map<String, Object> server) {
    Object name = server.get("product");
    if (name == null) {
      return null;
    }
    String cpus = server.get("cpu_count") + " CPU";
    if (name.toString().contains(cpus)) {
      return name.toString();
    }
    return name + " (" + cpus + ", " + server.get("ram_mb") + " MB)";
  }

  private static Long owner(Map<String, Object> row, String column) {
    return row.get(column) instanceof Number n ? n.longValue() : null;
  }
}
