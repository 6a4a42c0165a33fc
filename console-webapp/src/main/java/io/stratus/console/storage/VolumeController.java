package io.stratus.console.storage;

import io.stratus.cloud.spi.CapabilitySnapshot;
import io.stratus.common.access.Access;
import io.stratus.common.access.Qualifier;
import io.stratus.console.ConsoleSettings;
import io.stratus.console.cloud.AccountCapabilities;
import io.stratus.console.web.BadInput;
import io.stratus.console.web.Paging;
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
 * Volumes: the list, each row with the actions its state, the user's rights and its account's
 * capabilities allow (attach to a server of its region, detach, snapshot, remove); and the form
 * creating one (region, then data centre, name and a size within the cloud's limits). Every action
 * goes to the Dispatcher and the browser to its job.
 */
@Controller
public class VolumeController {
  private static final java.util.regex.Pattern DEVICE =
      java.util.regex.Pattern.compile("[A-Za-z0-9/_-]{1,64}");

  private final Reads reads;
  private final DispatcherClient dispatcher;

  private final int pageSize;

  public VolumeController(Reads reads, DispatcherClient dispatcher, ConsoleSettings settings) {
    this.pageSize = settings.pageSize();
    this.reads = reads;
    this.dispatcher = dispatcher;
  }

  @GetMapping("/volumes")
  String list(
      Access access,
      HttpServletRequest request,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "0") long account,
      @RequestParam(defaultValue = "0") long region,
      Model model) {
    Qualifier q = access.require("volume", "read");
    Map<String, Object> params = Reads.params(access);
    Paging paging = Paging.of(page, pageSize);
    StringBuilder where =
        new StringBuilder(" WHERE v.customer_id = :customer AND v.state <> 'removed'");
    where.append(access.userFilter(q, "v"));
    if (account > 0) {
      where.append(" AND v.cloud_account_id = :account");
      params.put("account", account);
    }
    if (region > 0) {
      where.append(" AND v.region_id = :region");
      params.put("region", region);
    }
    List<Map<String, Object>> volumes =
        paging.rows(
            reads.rows(
                """
            SELECT v.id, v.cloud_account_id, v.region_id, v.name, v.size_gb, v.state, v.server_id,
                   v.device_name, v.owner_user_id, v.provider_volume_id,
                   a.name AS account, r.name AS region, d.name AS data_center, s.name AS server
              FROM volume v
              JOIN cloud_account a ON a.id = v.cloud_account_id
              JOIN region r ON r.id = v.region_id
              LEFT JOIN data_center d ON d.id = v.data_center_id
              LEFT JOIN server s ON s.id = v.server_id
            """
                    + where
                    + " ORDER BY v.id DESC"
                    + paging.clause(params),
                params),
            request,
            model);
    AccountCapabilities caps = AccountCapabilities.load(reads, access.customerId());
    List<Map<String, Object>> servers = servers(access);
    for (Map<String, Object> v : volumes) {
      Object owner = v.get("owner_user_id");
      Object acct = v.get("cloud_account_id");
      String state = (String) v.get("state");
      boolean attach =
          "available".equals(state)
              && AccountCapabilities.may(access, "volume", "attach", owner)
              && caps.allows(acct, CapabilitySnapshot::volumes);
      List<Map<String, Object>> targets = new ArrayList<>();
      if (attach) {
        boolean whileRunning = caps.allows(acct, CapabilitySnapshot::attachWhileRunning);
        for (Map<String, Object> s : servers) {
          if (s.get("region_id").equals(v.get("region_id"))
              && ("stopped".equals(s.get("state"))
                  || (whileRunning && "running".equals(s.get("state"))))) {
            targets.add(s);
          }
        }
      }
      v.put("servers", targets);
      v.put("attach", attach && !targets.isEmpty());
      // Say why an attach the user may do is not offered, rather than offer nothing.
      v.put("attachNone", attach && targets.isEmpty());
      v.put(
          "detach",
          "attached".equals(state) && AccountCapabilities.may(access, "volume", "detach", owner));
      v.put(
          "remove",
          "available".equals(state) && AccountCapabilities.may(access, "volume", "remove", owner));
      v.put(
          "snapshot",
          ("available".equals(state) || "attached".equals(state))
              && access.may("snapshot", "create")
              && AccountCapabilities.may(access, "volume", "read", owner)
              && caps.allows(acct, CapabilitySnapshot::snapshots));
    }
    model.addAttribute("volumes", volumes);
    model.addAttribute("account", account);
    model.addAttribute("region", region);
    model.addAttribute(
        "accounts",
        reads.rows(
            "SELECT id, name FROM cloud_account WHERE customer_id = :customer ORDER BY name",
            params));
    model.addAttribute(
        "regions",
        reads.rows(
            """
            SELECT r.id, r.name, a.name AS account FROM region r
              JOIN cloud_account a ON a.id = r.cloud_account_id
             WHERE r.customer_id = :customer ORDER BY a.name, r.name
            """,
            params));
    model.addAttribute(
        "offerCreate",
        access.may("volume", "create")
            && !caps.regions(reads, access.customerId(), CapabilitySnapshot::volumes).isEmpty());
    return "volumes";
  }

  @GetMapping("/volumes/new")
  String form(Access access, @RequestParam(defaultValue = "0") long region, Model model) {
    access.require("volume", "create");
    AccountCapabilities caps = AccountCapabilities.load(reads, access.customerId());
    List<Map<String, Object>> regions =
        caps.regions(reads, access.customerId(), CapabilitySnapshot::volumes);
    Map<String, Object> chosen =
        regions.stream()
            .filter(r -> AccountCapabilities.id(r.get("id")) == region)
            .findFirst()
            .orElse(null);
    if (chosen == null) {
      model.addAttribute("step", "region");
      model.addAttribute("regions", regions);
      return "volume-new";
    }
    CapabilitySnapshot can = caps.of(chosen.get("account_id")).orElseThrow();
    Map<String, Object> params = Reads.params(access);
    params.put("region", region);
    model.addAttribute("step", "details");
    model.addAttribute("region", chosen);
    model.addAttribute("cloud", can);
    model.addAttribute(
        "dataCenters",
        reads.rows(
            "SELECT id, name FROM data_center WHERE customer_id = :customer AND region_id = :region"
                + " ORDER BY name",
            params));
    return "volume-new";
  }

  @PostMapping("/volumes")
  String create(
      Access access,
      HttpServletRequest request,
      @RequestParam long region,
      @RequestParam(required = false) Long dataCenter,
      @RequestParam String name,
      @RequestParam int sizeGb) {
    access.require("volume", "create");
    if (name.isBlank()) {
      throw new BadInput("a volume needs a name");
    }
    AccountCapabilities caps = AccountCapabilities.load(reads, access.customerId());
    Map<String, Object> chosen =
        caps.regions(reads, access.customerId(), CapabilitySnapshot::volumes).stream()
            .filter(r -> AccountCapabilities.id(r.get("id")) == region)
            .findFirst()
            .orElseThrow(
                () -> new BadInput("region " + region + " is not one with volumes of yours"));
    CapabilitySnapshot can = caps.of(chosen.get("account_id")).orElseThrow();
    if (sizeGb < can.volumeMinGb() || sizeGb > can.volumeMaxGb()) {
      throw new BadInput(
          "the size must be between "
              + can.volumeMinGb()
              + " and "
              + can.volumeMaxGb()
              + " GB on this cloud");
    }
    Map<String, Object> body = new HashMap<>();
    body.put("regionId", region);
    body.put("dataCenterId", dataCenter);
    body.put("name", name.strip());
    body.put("sizeGb", sizeGb);
    DispatcherClient.Ticket ticket =
        dispatcher.act(Session.actor(access, request), "POST", "/volumes", body);
    return "redirect:/jobs/" + ticket.jobId();
  }

  @PostMapping("/volumes/{id}/attach")
  String attach(
      Access access,
      HttpServletRequest request,
      @PathVariable long id,
      @RequestParam long server,
      @RequestParam(defaultValue = "") String device) {
    reads.requireOwned(access, "volume", "volume", id, "attach");
    String dev = device.strip();
    if (!dev.isEmpty() && !DEVICE.matcher(dev).matches()) {
      throw new BadInput("the device must be 1 to 64 letters, digits, '/', '_' or '-'");
    }
    Map<String, Object> body = new HashMap<>();
    body.put("serverId", server);
    body.put("device", dev.isEmpty() ? null : dev);
    DispatcherClient.Ticket ticket =
        dispatcher.act(Session.actor(access, request), "POST", "/volumes/" + id + "/attach", body);
    return "redirect:/jobs/" + ticket.jobId();
  }

  @PostMapping("/volumes/{id}/detach")
  String detach(Access access, HttpServletRequest request, @PathVariable long id) {
    reads.requireOwned(access, "volume", "volume", id, "detach");
    DispatcherClient.Ticket ticket =
        dispatcher.act(Session.actor(access, request), "POST", "/volumes/" + id + "/detach", null);
    return "redirect:/jobs/" + ticket.jobId();
  }

  @PostMapping("/volumes/{id}/remove")
  String remove(Access access, HttpServletRequest request, @PathVariable long id) {
    reads.requireOwned(access, "volume", "volume", id, "remove");
    DispatcherClient.Ticket ticket =
        dispatcher.act(Session.actor(access, request), "DELETE", "/volumes/" + id, null);
    return "redirect:/jobs/" + ticket.jobId();
  }

  /** The volume, when the user sees it and may take the action on it. */
  private List<Map<String, Object>> servers(Access access) {
    return AccountCapabilities.servers(access, reads);
  }
}
