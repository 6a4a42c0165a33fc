package io.stratus.console.account;

import io.stratus.cloud.spi.CloudProviders;
import io.stratus.cloud.spi.ConfigField;
import io.stratus.cloud.spi.InternalException;
import io.stratus.common.access.Access;
import io.stratus.common.resource.AccountHoldings;
import io.stratus.console.web.BadInput;
import io.stratus.console.web.Reads;
import io.stratus.console.web.Session;
import io.stratus.web.dispatch.DispatcherClient;
import io.stratus.web.dispatch.DispatcherRefused;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Cloud accounts: the list; adding one with a form drawn from the cloud driver's declared fields
 * (secret fields masked, sent once to the Dispatcher, which stores them through the Key Manager,
 * and never shown again); testing an account's connection again; replacing its credentials (the
 * same fields, none echoed back); removing it after a page that says what that does; one account's
 * regions and data centres. Removed accounts are listed only on asking ({@code ended=1}).
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
  String list(Access access, @RequestParam(defaultValue = "0") int ended, Model model) {
    access.require("account", "read");
    Map<String, Object> params = Reads.params(access);
    params.put("ended", ended == 1);
    model.addAttribute("ended", ended == 1);
    model.addAttribute(
        "accounts",
        reads.rows(
            """
            SELECT a.id, a.name, a.account_number, a.status, a.status_message, a.last_tested_at,
                   c.name AS cloud, (SELECT COUNT(*) FROM region r WHERE r.cloud_account_id = a.id) AS regions
              FROM cloud_account a JOIN cloud c ON c.id = a.cloud_id
             WHERE a.customer_id = :customer AND (:ended OR a.status <> 'removed') ORDER BY a.name
            """,
            params));
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
    Map<String, Object> body = new HashMap<>();
    body.put("cloudId", cloud);
    body.put("name", name.strip());
    body.put("accountNumber", accountNumber.isBlank() ? null : accountNumber.strip());
    body.put("fields", given(fields(chosen), request));
    DispatcherClient.Ticket ticket =
        dispatcher.act(Session.actor(access, request), "POST", "/accounts", body);
    return "redirect:/jobs/" + ticket.jobId();
  }

  @GetMapping("/accounts/{id}")
  String show(Access access, @PathVariable long id, Model model) {
    access.require("account", "read");
    Map<String, Object> params = Reads.params(access);
    params.put("id", id);
    model.addAttribute("account", account(access, id));
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

  /**
   * The form for new credentials: the driver's fields as for a new account, empty (the stored ones
   * are in the Key Manager, and a secret is never shown again); the catalogue's endpoint offered.
   */
  @GetMapping("/accounts/{id}/credentials")
  String credentialsForm(Access access, @PathVariable long id, Model model) {
    access.require("account", "create");
    return credentialsPage(account(access, id), model);
  }

  /**
   * Replaces the account's credentials through the Dispatcher, which stores them in the Key Manager
   * and tests them in a job (the account becomes active when the cloud takes them, in error
   * otherwise); a refusal (a missing field, the account busy) shows the form again, empty.
   */
  @PostMapping("/accounts/{id}/credentials")
  String replaceCredentials(
      Access access,
      HttpServletRequest request,
      HttpServletResponse response,
      @PathVariable long id,
      Model model) {
    access.require("account", "create");
    Map<String, Object> account = account(access, id);
    Map<String, Object> body = new HashMap<>();
    body.put("fields", given(fields(account), request));
    DispatcherClient.Ticket ticket;
    try {
      ticket =
          dispatcher.act(
              Session.actor(access, request), "PUT", "/accounts/" + id + "/credentials", body);
    } catch (DispatcherRefused e) {
      if (e.status() != 400 && e.status() != 409) {
        throw e;
      }
      response.setStatus(e.status());
      model.addAttribute(
          "problem",
          Character.toUpperCase(e.getMessage().charAt(0)) + e.getMessage().substring(1) + ".");
      return credentialsPage(account, model);
    }
    return "redirect:/jobs/" + ticket.jobId();
  }

  /**
   * Asks before an account is removed, saying what removal does and does not do, and what the
   * account still holds in the cloud (while it holds anything, removal is refused, so nothing is
   * offered).
   */
  @GetMapping("/accounts/{id}/remove")
  String confirmRemoval(Access access, @PathVariable long id, Model model) {
    access.require("account", "remove");
    Map<String, Object> account = account(access, id);
    if ("removed".equals(account.get("status"))) {
      throw new BadInput("cloud account " + account.get("name") + " is already removed");
    }
    model.addAttribute("account", account);
    model.addAttribute("held", AccountHoldings.of(reads.jdbc(), id));
    return "account-remove";
  }

  /**
   * Removes the account from Stratus through the Dispatcher (nothing in the cloud changes). Takes
   * the confirmation page's {@code confirmed=yes}; without it the browser is sent there.
   */
  @PostMapping("/accounts/{id}/remove")
  String remove(
      Access access,
      HttpServletRequest request,
      @PathVariable long id,
      @RequestParam(defaultValue = "") String confirmed,
      RedirectAttributes flash) {
    access.require("account", "remove");
    Map<String, Object> account = account(access, id);
    if (!"yes".equals(confirmed)) {
      return "redirect:/accounts/" + id + "/remove";
    }
    dispatcher.ask(Session.actor(access, request), "DELETE", "/accounts/" + id, null);
    flash.addFlashAttribute(
        "flash",
        "Cloud account " + account.get("name") + " removed; nothing in the cloud was changed.");
    return "redirect:/accounts";
  }

  private String credentialsPage(Map<String, Object> account, Model model) {
    Object status = account.get("status");
    if (!"active".equals(status) && !"error".equals(status)) {
      throw new BadInput(
          "cloud account "
              + account.get("name")
              + " is "
              + status
              + "; its credentials can be replaced when it is active or in error");
    }
    model.addAttribute("account", account);
    model.addAttribute("fields", fields(account));
    model.addAttribute("prefix", FIELD);
    return "account-credentials";
  }

  /** The customer's account {@code id} with its cloud's name, driver and endpoint. */
  private Map<String, Object> account(Access access, long id) {
    Map<String, Object> params = Reads.params(access);
    params.put("id", id);
    return reads.one(
        """
        SELECT a.*, c.name AS cloud, c.provider_name, c.endpoint
          FROM cloud_account a JOIN cloud c ON c.id = a.cloud_id
         WHERE a.id = :id AND a.customer_id = :customer
        """,
        params,
        "cloud account",
        id);
  }

  /** The driver fields the form filled in (prefixed parameters), by field name. */
  private static Map<String, String> given(List<ConfigField> fields, HttpServletRequest request) {
    Map<String, String> values = new HashMap<>();
    for (ConfigField field : fields) {
      String value = request.getParameter(FIELD + field.name());
      if (value != null && !value.isEmpty()) {
        values.put(field.name(), value);
      }
    }
    return values;
  }

  private static List<ConfigField> fields(Map<String, Object> cloud) {
    try {
      return CloudProviders.byName((String) cloud.get("provider_name")).contextFields();
    } catch (InternalException e) {
      throw new BadInput("this console has no driver for cloud " + cloud.get("provider_name"));
    }
  }
}
