package io.stratus.console.storage;

import io.stratus.cloud.spi.CapabilitySnapshot;
import io.stratus.cloud.spi.Refusals;
import io.stratus.cloud.spi.compute.VolumeCheck;
import io.stratus.common.access.Access;
import io.stratus.console.cloud.AccountCapabilities;
import io.stratus.console.list.ConsoleKind;
import io.stratus.console.list.KindList;
import io.stratus.console.list.ListPage;
import io.stratus.console.web.BadInput;
import io.stratus.console.web.FormAgain;
import io.stratus.console.web.Reads;
import io.stratus.console.web.Session;
import io.stratus.web.dispatch.DispatcherClient;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
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
  private final Reads reads;
  private final DispatcherClient dispatcher;

  private final KindList lists;

  public VolumeController(Reads reads, DispatcherClient dispatcher, KindList lists) {
    this.reads = reads;
    this.dispatcher = dispatcher;
    this.lists = lists;
  }

  @GetMapping("/volumes")
  String list(Access access, HttpServletRequest request, Model model) {
    ListPage page = lists.show(ConsoleKind.VOLUME, access, request, model);
    AccountCapabilities caps = AccountCapabilities.load(reads, access.customerId());
    List<Map<String, Object>> servers = servers(access);
    for (ListPage.Row v : page.rows()) {
      Object owner = v.owner();
      Object acct = v.value("owningAccount");
      Object state = v.value("currentState");
      if (v.value("deviceId") != null) {
        v.amend("server", cell -> cell.withText(cell.text() + " on " + v.value("deviceId")));
      }
      boolean attach =
          "available".equals(state)
              && AccountCapabilities.may(access, "volume", "attach", owner)
              && caps.allows(acct, CapabilitySnapshot::volumes);
      List<Map<String, Object>> targets = new ArrayList<>();
      if (attach) {
        boolean whileRunning = caps.allows(acct, CapabilitySnapshot::attachWhileRunning);
        for (Map<String, Object> s : servers) {
          if (s.get("region_id").equals(v.value("region"))
              && ("stopped".equals(s.get("state"))
                  || (whileRunning && "running".equals(s.get("state"))))) {
            targets.add(s);
          }
        }
      }
      Map<String, Object> actions = v.extra();
      actions.put("deviceRule", caps.of(acct).map(CapabilitySnapshot::deviceNameRule).orElse(null));
      actions.put("servers", targets);
      actions.put("attach", attach && !targets.isEmpty());
      // Say why an attach the user may do is not offered, rather than offer nothing.
      actions.put("attachNone", attach && targets.isEmpty());
      actions.put(
          "detach",
          "attached".equals(state) && AccountCapabilities.may(access, "volume", "detach", owner));
      actions.put(
          "remove",
          "available".equals(state) && AccountCapabilities.may(access, "volume", "remove", owner));
      actions.put(
          "snapshot",
          ("available".equals(state) || "attached".equals(state))
              && access.may("snapshot", "create")
              && AccountCapabilities.may(access, "volume", "read", owner)
              && caps.allows(acct, CapabilitySnapshot::snapshots));
    }
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
      HttpServletResponse response,
      Model model,
      @RequestParam long region,
      @RequestParam(required = false) Long dataCenter,
      @RequestParam(defaultValue = "") String name,
      @RequestParam(defaultValue = "") String sizeGb) {
    access.require("volume", "create");
    AccountCapabilities caps = AccountCapabilities.load(reads, access.customerId());
    Map<String, Object> chosen =
        caps.regions(reads, access.customerId(), CapabilitySnapshot::volumes).stream()
            .filter(r -> AccountCapabilities.id(r.get("id")) == region)
            .findFirst()
            .orElseThrow(
                () -> new BadInput("region " + region + " is not one with volumes of yours"));
    CapabilitySnapshot can = caps.of(chosen.get("account_id")).orElseThrow();
    // The Dispatcher's own check, run here first: a refusal is the form again, nothing lost.
    Refusals refusals = new Refusals();
    if (name.isBlank()) {
      refusals.add("name", "Name is needed: a volume is known by it.");
    }
    String sizeRule =
        "Size (GB) must be a whole number from "
            + can.volumeMinGb()
            + " to "
            + can.volumeMaxGb()
            + " on this cloud.";
    Integer size = FormAgain.number(sizeGb, "sizeGb", sizeRule, refusals);
    if (refusals.byField().get("sizeGb") == null) {
      VolumeCheck.size(can, size, refusals);
    }
    if (!refusals.isEmpty()) {
      FormAgain.prepare(
          model,
          response,
          refusals,
          Map.of(
              "name", name, "sizeGb", sizeGb, "dataCenter", dataCenter == null ? "" : dataCenter));
      return form(access, region, model);
    }
    Map<String, Object> body = new HashMap<>();
    body.put("regionId", region);
    body.put("dataCenterId", dataCenter);
    body.put("name", name.strip());
    body.put("sizeGb", size);
    DispatcherClient.Ticket ticket =
        dispatcher.act(Session.actor(access, request), "POST", "/volumes", body);
    return "redirect:/jobs/" + ticket.jobId();
  }

  @PostMapping("/volumes/{id}/attach")
  String attach(
      Access access,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      @PathVariable long id,
      @RequestParam long server,
      @RequestParam(defaultValue = "") String device) {
    reads.requireOwned(access, "volume", "volume", id, "attach");
    String dev = device.strip();
    Map<String, Object> params = Reads.params(access);
    params.put("id", id);
    Object account =
        reads
            .one(
                "SELECT cloud_account_id FROM volume WHERE id = :id AND customer_id = :customer",
                params,
                "volume",
                id)
            .get("cloud_account_id");
    CapabilitySnapshot can =
        AccountCapabilities.load(reads, access.customerId())
            .of(account)
            .orElseThrow(() -> new BadInput("the volume's cloud account is not active"));
    Refusals refusals = VolumeCheck.device(can, dev.isEmpty() ? null : dev, new Refusals());
    if (!refusals.isEmpty()) {
      // The list again, the reason beside this volume's device field and the choice kept.
      FormAgain.prepare(
          model, response, refusals, Map.of("volume", id, "server", server, "device", device));
      return list(access, request, model);
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
