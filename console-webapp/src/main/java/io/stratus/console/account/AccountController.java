package io.stratus.console.account;

import io.stratus.cloud.spi.CloudProviders;
import io.stratus.cloud.spi.ConfigField;
import io.stratus.cloud.spi.InternalException;
import io.stratus.common.access.Access;
import io.stratus.console.web.BadInput;
import io.stratus.console.web.Reads;
import io.stratus.console.web.Session;
import io.stratus.web.dispatch.DispatcherClient;
import jakarta.servlet.http.HttpServletRequest;
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
 * Cloud accounts: the list; adding one with a form drawn from the cloud driver's declared fields
 * (secret fields masked, sent once to the Dispatcher, which stores them through the Key Manager,
 * and never shown again); testing an account's connection again; one account's regions and data
 * centres.
 */
@Controller
public class AccountController {
  /** Form parameters holding driver fields are prefixed, so no field can clash with ours. */
  static final String FIELD = "field.";

  private final Reads reads;
  private final DispatcherClient dispatcher;

  public AccountController(Reads reads, DispatcherClient dispatcher) {
    this.reads = reads;
    this.dispatcher = dispatcher;
  }

  @GetMapping("/accounts")
  String list(Access access, Model model) {
    access.require("account", "read");
    model.addAttribute(
        "accounts",
        reads.rows(
            """
            SELECT a.id, a.name, a.account_number, a.status, a.status_message, a.last_tested_at,
                   c.name AS cloud, (SELECT COUNT(*) FROM region r WHERE r.cloud_account_id = a.id) AS regions
              FROM cloud_account a JOIN cloud c ON c.id = a.cloud_id
             WHERE a.customer_id = :customer ORDER BY a.name
            """,
            Reads.params(access)));
    return "accounts";
  }

  @GetMapping("/accounts/new")
  String form(Access access, @RequestParam(defaultValue = "0") long cloud, Model model) {
    access.require("account", "create");
    List<Map<String, Object>> clouds =
        reads.rows(
            "SELECT id, name, provider_name, endpoint, description FROM cloud WHERE status = 'active'"
                + " ORDER BY name",
            Map.of());
    model.addAttribute("clouds", clouds);
    if (cloud != 0) {
      Map<String, Object> chosen =
          clouds.stream()
              .filter(c -> ((Number) c.get("id")).longValue() == cloud)
              .findFirst()
              .orElseThrow(() -> new BadInput("there is no active cloud " + cloud));
      model.addAttribute("cloud", chosen);
      model.addAttribute("fields", fields(chosen));
      model.addAttribute("prefix", FIELD);
    }
    return "account-new";
  }

  @PostMapping("/accounts")
  String register(
      Access access,
      HttpServletRequest request,
      @RequestParam long cloud,
      @RequestParam String name,
      @RequestParam(defaultValue = "") String accountNumber) {
    access.require("account", "create");
    Map<String, Object> chosen =
        reads.one(
            "SELECT id, provider_name FROM cloud WHERE id = :id AND status = 'active'",
            Map.of("id", cloud),
            "active cloud",
            cloud);
    Map<String, String> values = new HashMap<>();
    for (ConfigField field : fields(chosen)) {
      String value = request.getParameter(FIELD + field.name());
      if (value != null && !value.isEmpty()) {
        values.put(field.name(), value);
      }
    }
    Map<String, Object> body = new HashMap<>();
    body.put("cloudId", cloud);
    body.put("name", name.strip());
    body.put("accountNumber", accountNumber.isBlank() ? null : accountNumber.strip());
    body.put("fields", values);
    DispatcherClient.Ticket ticket =
        dispatcher.act(Session.actor(access, request), "POST", "/accounts", body);
    return "redirect:/jobs/" + ticket.jobId();
  }

  @GetMapping("/accounts/{id}")
  String show(Access access, @PathVariable long id, Model model) {
    access.require("account", "read");
    Map<String, Object> params = Reads.params(access);
    params.put("id", id);
    model.addAttribute(
        "account",
        reads.one(
            """
            SELECT a.*, c.name AS cloud FROM cloud_account a JOIN cloud c ON c.id = a.cloud_id
             WHERE a.id = :id AND a.customer_id = :customer
            """,
            params,
            "cloud account",
            id));
    model.addAttribute(
        "regions",
        reads.rows(
            """
            SELECT r.id, r.name, r.provider_region_id, r.jurisdiction, r.status,
                   GROUP_CONCAT(d.name ORDER BY d.name SEPARATOR ', ') AS data_centers
              FROM region r LEFT JOIN data_center d ON d.region_id = r.id
             WHERE r.cloud_account_id = :id AND r.customer_id = :customer
             GROUP BY r.id, r.name, r.provider_region_id, r.jurisdiction, r.status ORDER BY r.name
            """,
            params));
    return "account";
  }

  /** Tests the account's connection again (a job: the registration task, run again). */
  @PostMapping("/accounts/{id}/test")
  String test(Access access, HttpServletRequest request, @PathVariable long id) {
    access.require("account", "create");
    DispatcherClient.Ticket ticket =
        dispatcher.act(Session.actor(access, request), "POST", "/accounts/" + id + "/test", null);
    return "redirect:/jobs/" + ticket.jobId();
  }

  private static List<ConfigField> fields(Map<String, Object> cloud) {
    try {
      return CloudProviders.byName((String) cloud.get("provider_name")).contextFields();
    } catch (InternalException e) {
      throw new BadInput("this console has no driver for cloud " + cloud.get("provider_name"));
    }
  }
}
