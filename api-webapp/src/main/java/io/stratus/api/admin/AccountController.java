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
import org.springframework.web.bind.annotation.PostMapping;
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
   * "accountNumber":..., "credentials":{field: value, ...}}]}}; 202 with the job.
   */
  @PostMapping
  public ResponseEntity<Map<String, Object>> register(Access access, @RequestBody JsonNode body) {
    access.require("account", "create");
    JsonNode add = Json.action(body, "addAccount");
    Long cloudId = Json.nestedId(add, "cloud", "cloudId");
    if (cloudId == null) {
      cloudId = Json.id(add.get("cloudId"), "cloudId");
    }
    if (cloudId == null) {
      throw ApiException.badRequest("cloud.cloudId is required");
    }
    String name = Json.text(add, "name", 200);
    if (name == null || name.isBlank()) {
      throw ApiException.badRequest("name is required");
    }
    Map<String, String> fields = new LinkedHashMap<>();
    JsonNode credentials = add.get("credentials");
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
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("cloudId", cloudId);
    request.put("name", name);
    request.put("accountNumber", Json.text(add, "accountNumber", 200));
    request.put("fields", fields);
    return Jobs.accepted(dispatcher.act(access, "POST", "/accounts", request));
  }
}
