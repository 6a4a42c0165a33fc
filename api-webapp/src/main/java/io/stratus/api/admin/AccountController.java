package io.stratus.api.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratus.api.Api;
import io.stratus.api.dispatch.DispatcherGateway;
import io.stratus.api.dispatch.Jobs;
import io.stratus.api.web.ApiException;
import io.stratus.api.web.Json;
import io.stratus.common.access.Access;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code admin/Account}: registering the customer's cloud accounts (they are read through {@link
 * io.stratus.api.resource.KindController}, declared as {@code Admin.ACCOUNT}). Registering one goes
 * through the Dispatcher, which stores the credentials in the Key Manager and tests the account in
 * a job.
 */
@RestController
@RequestMapping(Api.BASE + "/admin/Account")
public class AccountController {
  private static final int MAX_FIELDS = 64;

  private final DispatcherGateway dispatcher;

  public AccountController(DispatcherGateway dispatcher) {
    this.dispatcher = dispatcher;
  }

  /**
   * Registers a cloud account: {@code {"addAccount":[{"name":..., "cloud":{"cloudId":N},
   * "accountNumber":..., "credentials":{field: value, ...}}]}}, or as enStratus clients send it,
   * {@code {"addAccount":[{"name":..., "cloudSubscription":{"cloudId":N, "accountNumber":...,
   * "apiKeyId":..., "apiKeySecret":...}}]}}; 202 with the job.
   */
  @PostMapping
  public ResponseEntity<Map<String, Object>> register(Access access, @RequestBody JsonNode body) {
    access.require("account", "create");
    JsonNode add = Json.action(body, "addAccount");
    refuseUnserved(add, access);
    JsonNode subscription = add.path("cloudSubscription");
    if (!subscription.isMissingNode() && !subscription.isObject()) {
      throw ApiException.badRequest(
          "cloudSubscription must be an object {cloudId, accountNumber, apiKeyId, apiKeySecret}");
    }
    Long cloudId = Json.nestedId(add, "cloud", "cloudId");
    if (cloudId == null) {
      cloudId = Json.id(add.get("cloudId"), "cloudId");
    }
    if (cloudId == null && subscription.isObject()) {
      cloudId = Json.id(subscription.get("cloudId"), "cloudSubscription.cloudId");
    }
    if (cloudId == null) {
      throw ApiException.badRequest("cloud.cloudId is required");
    }
    String name = Json.text(add, "name", 200);
    if (name == null || name.isBlank()) {
      throw ApiException.badRequest("name is required");
    }
    Map<String, String> fields = credentials(add.get("credentials"));
    String accountNumber = Json.text(add, "accountNumber", 200);
    if (subscription.isObject()) {
      if (accountNumber == null) {
        accountNumber = Json.text(subscription, "accountNumber", 200);
      }
      subscriptionKeys(subscription, fields);
    }
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("cloudId", cloudId);
    request.put("name", name);
    request.put("accountNumber", accountNumber);
    request.put("fields", fields);
    return Jobs.accepted(dispatcher.act(access, "POST", "/accounts", request));
  }

  /**
   * Replaces the account's credentials and tests it with them: {@code {"setCredentials":[{
   * "credentials":{field: value, ...}}]}}, or enStratus' {@code {"assignCloud":{"accounts":{
   * "cloudSubscription":{"cloudId":N, "apiKeyId":..., "apiKeySecret":...}}}}} (the account stays on
   * its cloud); 202 with the job, which makes the account active or in error.
   */
  @PutMapping("/{id}")
  public ResponseEntity<Map<String, Object>> change(
      Access access, @PathVariable String id, @RequestBody JsonNode body) {
    access.require("account", "create");
    long accountId = Json.pathId(id, "accountId");
    if (body == null || !body.isObject() || body.size() != 1) {
      throw ApiException.badRequest(
          "the body must name one change: {\"setCredentials\":[{\"credentials\":{...}}]} or"
              + " {\"assignCloud\":{...}}");
    }
    Map<String, Object> request = new LinkedHashMap<>();
    Map<String, String> fields;
    if (body.has("assignCloud")) {
      JsonNode subscription = body.path("assignCloud").path("accounts").path("cloudSubscription");
      if (!subscription.isObject()) {
        throw ApiException.badRequest(
            "assignCloud must be {\"accounts\":{\"cloudSubscription\":{cloudId, apiKeyId,"
                + " apiKeySecret}}}");
      }
      request.put("cloudId", Json.id(subscription.get("cloudId"), "cloudSubscription.cloudId"));
      fields = new LinkedHashMap<>();
      subscriptionKeys(subscription, fields);
    } else if (body.has("setCredentials")) {
      fields = credentials(Json.action(body, "setCredentials").get("credentials"));
    } else {
      throw ApiException.badRequest(
          "unknown account change '"
              + body.fieldNames().next()
              + "'; use setCredentials or assignCloud");
    }
    request.put("fields", fields);
    return Jobs.accepted(
        dispatcher.act(access, "PUT", "/accounts/" + accountId + "/credentials", request));
  }

  /**
   * Removes the account from Stratus (never anything in the cloud): 204. Refused with 409 while it
   * still holds servers, volumes, snapshots, addresses, firewalls or images made from servers that
   * have not ended, or has a job running; right {@code account/remove}.
   */
  @DeleteMapping("/{id}")
  public ResponseEntity<Void> remove(Access access, @PathVariable String id) {
    access.require("account", "remove");
    long accountId = Json.pathId(id, "accountId");
    dispatcher.ask(access, "DELETE", "/accounts/" + accountId, null);
    return ResponseEntity.noContent().build();
  }

  /** enStratus' names for a cloud's key; the Dispatcher puts them on the driver's own fields. */
  private static void subscriptionKeys(JsonNode subscription, Map<String, String> fields) {
    for (String key : new String[] {"apiKeyId", "apiKeySecret"}) {
      String value = Json.text(subscription, key, 4096);
      if (value != null) {
        fields.putIfAbsent(key, value);
      }
    }
  }

  /** The driver's fields as given, each a string. */
  private static Map<String, String> credentials(JsonNode credentials) {
    Map<String, String> fields = new LinkedHashMap<>();
    if (credentials != null && !credentials.isNull()) {
      if (!credentials.isObject() || credentials.size() > MAX_FIELDS) {
        throw ApiException.badRequest(
            "credentials must be an object of at most " + MAX_FIELDS + " string fields");
      }
      var it = credentials.fields();
      while (it.hasNext()) {
        var field = it.next();
        if (!field.getValue().isTextual() || field.getKey().length() > 100) {
          throw ApiException.badRequest("credentials." + field.getKey() + " must be a string");
        }
        fields.put(field.getKey(), field.getValue().asText());
      }
    }
    return fields;
  }

  /**
   * What mixcoatl may send with an account that Stratus does not do: refused by name rather than
   * ignored. {@code setAdminDefaults} is what Stratus does anyway (the account is the customer's);
   * a {@code customer} other than the key's is refused.
   */
  private static void refuseUnserved(JsonNode add, Access access) {
    for (String field : new String[] {"groupBudgetCodes", "budget"}) {
      if (add.hasNonNull(field)) {
        throw ApiException.badRequest(
            field + ": billing codes arrive with the governance work; register without them");
      }
    }
    if (add.hasNonNull("groupRoles")) {
      throw ApiException.badRequest(
          "groupRoles: an account is the whole customer's; grant roles to groups with PUT"
              + " admin/Group/{id} {\"setRole\":[...]}");
    }
    Long customer = Json.nestedId(add, "customer", "customerId");
    if (customer != null && customer != access.customerId()) {
      throw ApiException.badRequest("customer: an account is registered for your own customer");
    }
  }
}
