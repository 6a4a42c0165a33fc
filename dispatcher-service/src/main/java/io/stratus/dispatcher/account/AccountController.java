package io.stratus.dispatcher.account;

import io.stratus.cloud.spi.CloudException;
import io.stratus.cloud.spi.CloudProviderFactory;
import io.stratus.cloud.spi.CloudProviders;
import io.stratus.cloud.spi.ConfigField;
import io.stratus.cloud.spi.EndpointAllowList;
import io.stratus.cloud.spi.InternalException;
import io.stratus.cloud.spi.ProviderContext;
import io.stratus.common.job.Action;
import io.stratus.common.keys.Credential;
import io.stratus.common.keys.CredentialVault;
import io.stratus.common.km.KmUnavailableException;
import io.stratus.dispatcher.access.Actor;
import io.stratus.dispatcher.access.Requires;
import io.stratus.dispatcher.action.ActionController;
import io.stratus.dispatcher.action.ActionDispatcher;
import io.stratus.dispatcher.action.JobTicket;
import io.stratus.dispatcher.action.Resources;
import io.stratus.dispatcher.web.Checks;
import io.stratus.dispatcher.web.DispatchException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Registers cloud accounts. The credentials are checked against the driver's declared fields,
 * encrypted with the customer's key and stored in the Key Manager before anything else; the account
 * row (pending), the job and the registration task follow in one transaction. The task tests the
 * connection and discovers the account's regions, data centres, images and products.
 */
@RestController
@RequestMapping("/accounts")
public class AccountController extends ActionController {
  private static final Logger log = LoggerFactory.getLogger(AccountController.class);

  private final CredentialVault vault;
  private final EndpointAllowList endpoints;

  public AccountController(
      Resources resources,
      ActionDispatcher dispatcher,
      CredentialVault vault,
      EndpointAllowList endpoints) {
    super(resources, dispatcher);
    this.vault = vault;
    this.endpoints = endpoints;
  }

  @Requires(resource = "account", action = "create")
  @PostMapping
  @ResponseStatus(HttpStatus.ACCEPTED)
  public JobTicket register(Actor actor, @RequestBody RegisterAccount request) {
    if (request.cloudId() == null) {
      throw DispatchException.badRequest("cloudId is required");
    }
    String name = Checks.name(request.name(), "name");
    Map<String, Object> cloud = cloud(request.cloudId());
    CloudProviderFactory factory = factory(cloud);
    Credential credential =
        credential(
            factory.contextFields(),
            cloud,
            SubscriptionKeys.onDriverFields(factory.contextFields(), request.fields()));
    long keyId = store(actor, credential);
    try {
      return dispatcher.dispatch(
          actor,
          Action.ACCOUNT_REGISTER,
          () -> insertAccount(actor, request, name, keyId),
          ActionDispatcher.payload());
    } catch (RuntimeException e) {
      forget(actor, keyId);
      if (e instanceof DuplicateKeyException) {
        throw DispatchException.conflict(
            "the customer already has a cloud account named '" + name + "'");
      }
      throw e;
    }
  }

  /**
   * Tests an account's connection again with its stored credentials (and re-discovers its regions):
   * an active account whose credentials stopped working becomes {@code error}, one in error whose
   * cloud answers again becomes active.
   */
  @Requires(resource = "account", action = "create")
  @PostMapping("/{id}/test")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public JobTicket test(Actor actor, @PathVariable long id) {
    Map<String, Object> account = resources.owned("cloud_account", actor.customerId(), id);
    Object status = account.get("status");
    if (!"active".equals(status) && !"error".equals(status)) {
      throw DispatchException.conflict(
          "cloud account " + id + " is " + status + "; it can be tested when active or in error");
    }
    resources.refuseIfBusy("cloud_account", id);
    return dispatcher.dispatch(actor, Action.ACCOUNT_TEST, id, ActionDispatcher.payload());
  }

  /**
   * Replaces an account's credentials ({@code {"fields":{...}}}, checked against the driver's
   * fields as at registration) and tests the account with them in a job: it becomes active when the
   * cloud accepts them, in error otherwise. The new credential is stored in the KM first; the
   * account points at it in the job's transaction; the old one is deleted after.
   */
  @Requires(resource = "account", action = "create")
  @PutMapping("/{id}/credentials")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public JobTicket replaceCredentials(
      Actor actor, @PathVariable long id, @RequestBody RegisterAccount request) {
    Map<String, Object> account = resources.owned("cloud_account", actor.customerId(), id);
    Object status = account.get("status");
    if (!"active".equals(status) && !"error".equals(status)) {
      throw DispatchException.conflict(
          "cloud account "
              + id
              + " is "
              + status
              + "; its credentials can be replaced when it is"
              + " active or in error");
    }
    long cloudId = ((Number) account.get("cloud_id")).longValue();
    if (request.cloudId() != null && request.cloudId() != cloudId) {
      throw DispatchException.badRequest(
          "cloudId: cloud account " + id + " is on cloud " + cloudId + " and stays there");
    }
    resources.refuseIfBusy("cloud_account", id);
    Map<String, Object> cloud = cloud(cloudId);
    CloudProviderFactory factory = factory(cloud);
    Credential credential =
        credential(
            factory.contextFields(),
            cloud,
            SubscriptionKeys.onDriverFields(factory.contextFields(), request.fields()));
    long keyId = store(actor, credential);
    long oldKeyId = ((Number) account.get("km_key_id")).longValue();
    JobTicket ticket;
    try {
      ticket =
          dispatcher.dispatch(
              actor,
              Action.ACCOUNT_TEST,
              () -> {
                resources
                    .jdbc()
                    .sql("UPDATE cloud_account SET km_key_id = ? WHERE id = ? AND customer_id = ?")
                    .params(keyId, id, actor.customerId())
                    .update();
                return id;
              },
              ActionDispatcher.payload());
    } catch (RuntimeException e) {
      forget(actor, keyId);
      throw e;
    }
    forget(actor, oldKeyId);
    return ticket;
  }

  /**
   * Checks the values against the driver's fields and splits them into public and secret parts. An
   * operator-provided field (the endpoint) is the catalogue's: the customer's value is kept only
   * when the operator allows it, and the catalogue's is not copied into the credential (a changed
   * catalogue applies to the account at once).
   */
  private Credential credential(
      List<ConfigField> fields, Map<String, Object> cloud, Map<String, String> given) {
    Map<String, String> values = new HashMap<>(given == null ? Map.of() : given);
    String catalogue = (String) cloud.get("endpoint");
    try {
      ProviderContext.validated(fields, endpoints.resolveFields(fields, catalogue, values), null);
    } catch (CloudException e) {
      throw DispatchException.badRequest(e.getMessage());
    }
    for (ConfigField field : fields) {
      String value = values.get(field.name());
      if (field.operatorProvided()
          && (value == null || value.isBlank() || value.equals(catalogue))) {
        values.remove(field.name());
      }
    }
    Map<String, String> publicFields = new HashMap<>();
    Map<String, String> secretFields = new HashMap<>();
    for (ConfigField field : fields) {
      String value = values.get(field.name());
      if (value != null) {
        (field.isSecret() ? secretFields : publicFields).put(field.name(), value);
      }
    }
    return new Credential(publicFields, secretFields);
  }

  /** An active cloud of the catalogue. */
  private Map<String, Object> cloud(long cloudId) {
    Map<String, Object> cloud =
        resources
            .jdbc()
            .sql("SELECT id, provider_name, endpoint, status FROM cloud WHERE id = ?")
            .param(cloudId)
            .query()
            .listOfRows()
            .stream()
            .findFirst()
            .orElseThrow(() -> DispatchException.notFound("cloud", cloudId));
    if (!"active".equals(cloud.get("status"))) {
      throw DispatchException.conflict("cloud " + cloudId + " is " + cloud.get("status"));
    }
    return cloud;
  }

  private static CloudProviderFactory factory(Map<String, Object> cloud) {
    try {
      return CloudProviders.byName((String) cloud.get("provider_name"));
    } catch (InternalException e) {
      throw DispatchException.unsupported(e.getMessage());
    }
  }

  private long store(Actor actor, Credential credential) {
    try {
      return vault.store(actor.customerId(), credential);
    } catch (KmUnavailableException e) {
      throw new DispatchException(
          503, "the Key Manager is unavailable; nothing was stored, try again");
    }
  }

  private long insertAccount(Actor actor, RegisterAccount request, String name, long keyId) {
    return resources.insert(
        """
        INSERT INTO cloud_account (customer_id, cloud_id, name, account_number, km_key_id, status)
        VALUES (?, ?, ?, ?, ?, 'pending')
        """,
        actor.customerId(),
        request.cloudId(),
        name,
        request.accountNumber(),
        keyId);
  }

  private void forget(Actor actor, long keyId) {
    try {
      vault.delete(actor.customerId(), keyId);
    } catch (RuntimeException e) {
      log.warn("Credential {} no longer used but not deleted: {}", keyId, e.getMessage());
    }
  }
}
