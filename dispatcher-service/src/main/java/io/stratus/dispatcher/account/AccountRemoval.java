package io.stratus.dispatcher.account;

import io.stratus.common.keys.CredentialVault;
import io.stratus.common.resource.AccountHoldings;
import io.stratus.dispatcher.access.Actor;
import io.stratus.dispatcher.access.Requires;
import io.stratus.dispatcher.action.AuditLog;
import io.stratus.dispatcher.action.Resources;
import io.stratus.dispatcher.web.DispatchException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Removes a cloud account from Stratus — never anything in the cloud. An account that still holds
 * resources Stratus started there ({@link AccountHoldings}) is refused with 409 naming them:
 * removing it would leave them running and billed with nobody watching. Otherwise, in one
 * transaction with its audit event, the account becomes {@code removed} (its name freed for a new
 * registration), its regions and data centres {@code removed}, and nothing refreshes it any more;
 * its credential is then deleted from the Key Manager. Its ended resources stay, for their history.
 */
@RestController
@RequestMapping("/accounts")
public class AccountRemoval {
  private static final Logger log = LoggerFactory.getLogger(AccountRemoval.class);

  /** The longest name a cloud account row takes (characters). */
  static final int NAME_MAX = 200;

  private final Resources resources;
  private final JdbcClient jdbc;
  private final AuditLog audit;
  private final TransactionTemplate transactions;
  private final CredentialVault vault;

  public AccountRemoval(
      Resources resources,
      AuditLog audit,
      TransactionTemplate transactions,
      CredentialVault vault) {
    this.resources = resources;
    this.jdbc = resources.jdbc();
    this.audit = audit;
    this.transactions = transactions;
    this.vault = vault;
  }

  /**
   * The name a removed account keeps, freeing its own: {@code "<name> (removed <id>)"}, the name
   * cut at its end (never inside a character) when both would not fit the column, so the row still
   * says which account it was and stays unique.
   */
  static String removedName(String name, long id) {
    String suffix = " (removed " + id + ")";
    int room = NAME_MAX - suffix.length();
    String kept = name;
    if (kept.codePointCount(0, kept.length()) > room) {
      kept = kept.substring(0, kept.offsetByCodePoints(0, room)).stripTrailing();
    }
    return kept + suffix;
  }

  /** Removes the account: 204; 409 while it holds live resources or has a job running. */
  @Requires(resource = "account", action = "remove")
  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  public void remove(Actor actor, @PathVariable long id) {
    Map<String, Object> account = resources.owned("cloud_account", actor.customerId(), id);
    if ("removed".equals(account.get("status"))) {
      throw DispatchException.conflict("cloud account " + id + " is already removed");
    }
    resources.refuseIfBusy("cloud_account", id);
    List<AccountHoldings.Held> held = AccountHoldings.of(jdbc, id);
    if (!held.isEmpty()) {
      throw DispatchException.conflict(
          "cloud account "
              + id
              + " still holds "
              + String.join(", ", held.stream().map(AccountHoldings.Held::toString).toList())
              + " in the cloud; end them first (removing the account would leave them running"
              + " with nobody watching)");
    }
    String name = (String) account.get("name");
    transactions.executeWithoutResult(
        status -> {
          jdbc.sql(
                  "UPDATE cloud_account SET status = 'removed', name = ?, km_key_id = NULL,"
                      + " status_message = NULL WHERE id = ? AND customer_id = ?")
              .params(removedName(name, id), id, actor.customerId())
              .update();
          jdbc.sql("UPDATE region SET status = 'removed' WHERE cloud_account_id = ?")
              .param(id)
              .update();
          jdbc.sql(
                  "UPDATE data_center SET status = 'removed' WHERE region_id IN"
                      + " (SELECT id FROM region WHERE cloud_account_id = ?)")
              .param(id)
              .update();
          audit.record(actor, "account.remove", "cloud_account", id, "removed", name);
        });
    Object keyId = account.get("km_key_id");
    if (keyId instanceof Number key) {
      try {
        vault.delete(actor.customerId(), key.longValue());
      } catch (RuntimeException e) {
        log.warn("Credential {} of removed account {} not deleted: {}", key, id, e.getMessage());
      }
    }
  }
}
