package io.stratus.km.key;

import io.stratus.km.audit.AccessEntry;
import io.stratus.km.audit.AccessLog;
import io.stratus.km.audit.KeyAction;
import io.stratus.km.audit.Outcome;
import io.stratus.web.Caller;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The KM's four operations. Each runs in one transaction together with its audit line: a key is
 * never stored, changed, removed or handed out without the line, and a failure (the database going
 * away half way) leaves nothing half-written. The KM never encrypts or decrypts.
 */
public final class KeyService {
  private static final int ID_ATTEMPTS = 5;

  private final KeyRepository keys;
  private final AccessLog accessLog;
  private final TransactionTemplate transactions;
  private final KeyValidator validator;
  private final KeyIds ids;

  public KeyService(
      KeyRepository keys,
      AccessLog accessLog,
      TransactionTemplate transactions,
      KeyValidator validator,
      KeyIds ids) {
    this.keys = keys;
    this.accessLog = accessLog;
    this.transactions = transactions;
    this.validator = validator;
    this.ids = ids;
  }

  /** Stores a new key under a fresh random id and returns the id. */
  public long create(KeyRequest request, Caller caller) {
    validator.check(request);
    Long created =
        transactions.execute(
            status -> {
              long id = insertWithFreshId(request);
              accessLog.record(new AccessEntry(id, caller, KeyAction.CREATE, Outcome.OK));
              return id;
            });
    return created;
  }

  /**
   * @throws KeyNotFoundException if there is no such key
   */
  public StoredKey fetch(long keyId, Caller caller) {
    KeyValidator.checkId(keyId);
    return transactions.execute(
        status -> {
          StoredKey key = keys.find(keyId).orElseThrow(() -> new KeyNotFoundException(keyId));
          accessLog.record(new AccessEntry(keyId, caller, KeyAction.FETCH, Outcome.OK));
          return key;
        });
  }

  /**
   * @throws KeyNotFoundException if there is no such key
   */
  public void replace(long keyId, KeyRequest request, Caller caller) {
    KeyValidator.checkId(keyId);
    validator.check(request);
    transactions.executeWithoutResult(
        status -> {
          if (!keys.replace(keyId, request)) {
            throw new KeyNotFoundException(keyId);
          }
          accessLog.record(new AccessEntry(keyId, caller, KeyAction.REPLACE, Outcome.OK));
        });
  }

  /**
   * @throws KeyNotFoundException if there is no such key
   */
  public void delete(long keyId, Caller caller) {
    KeyValidator.checkId(keyId);
    transactions.executeWithoutResult(
        status -> {
          if (!keys.delete(keyId)) {
            throw new KeyNotFoundException(keyId);
          }
          accessLog.record(new AccessEntry(keyId, caller, KeyAction.DELETE, Outcome.OK));
        });
  }

  private long insertWithFreshId(KeyRequest request) {
    for (int attempt = 1; ; attempt++) {
      long id = ids.next();
      try {
        keys.insert(id, request);
        return id;
      } catch (DuplicateKeyException e) {
        if (attempt == ID_ATTEMPTS) {
          throw e;
        }
      }
    }
  }
}
