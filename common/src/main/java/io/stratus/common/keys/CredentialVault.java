package io.stratus.common.keys;

import io.stratus.common.km.KeyParts;
import io.stratus.common.km.KmClient;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the Dispatcher and the workers keep customers' cloud credentials: encrypted here with the
 * customer's own keyset ({@link CustomerKeys}), stored in the Key Manager as a de-identified row,
 * decrypted here in memory when fetched. The main schema keeps only the KM's key id (in {@code
 * customer_credential} and wherever the credential is used, e.g. {@code cloud_account.km_key_id}).
 *
 * <p>Thread-safe. Errors: {@link CredentialDecryptionException} when a row does not decrypt for the
 * customer (another customer's row, or an altered one); {@link CustomerKeyException} when the
 * customer has no keyset or the KEK file is wrong; {@link io.stratus.common.km.KmException} and its
 * subclasses for the Key Manager's refusals and outages.
 */
public final class CredentialVault {
  private static final Logger log = LoggerFactory.getLogger(CredentialVault.class);

  private final CustomerKeys keys;
  private final KmClient km;
  private final CustomerCredentialRepository credentials;

  public CredentialVault(CustomerKeys keys, KmClient km, DataSource primary) {
    this.keys = keys;
    this.km = km;
    this.credentials = new CustomerCredentialRepository(primary);
  }

  /**
   * Encrypts {@code credential} for the customer and stores it in the Key Manager.
   *
   * @return the KM's key id, to keep with whatever uses the credential
   */
  public long store(long customerId, Credential credential) {
    CustomerKeys.CustomerAead key = keys.aead(customerId);
    long keyId = km.create(CredentialCipher.encrypt(key, credential));
    try {
      credentials.insert(customerId, keyId, key.primaryKeyId());
    } catch (RuntimeException e) {
      forgetQuietly(keyId, e);
      throw e;
    }
    return keyId;
  }

  /**
   * Fetches KM row {@code keyId} and decrypts it for {@code customerId}, in memory only.
   *
   * @throws CredentialDecryptionException if the row is another customer's or was altered
   * @throws io.stratus.common.km.KeyNotFoundException if the KM holds no such row
   */
  public Credential fetch(long customerId, long keyId) {
    KeyParts parts = km.fetch(keyId);
    CustomerKeys.CustomerAead key = keys.aead(customerId);
    try {
      return CredentialCipher.decrypt(key, keyId, parts);
    } catch (CredentialDecryptionException e) {
      // The cached keyset may predate a rotation made by another process: read it once more.
      keys.forget(customerId);
      CustomerKeys.CustomerAead fresh = keys.aead(customerId);
      if (fresh.primaryKeyId() == key.primaryKeyId()) {
        throw e;
      }
      return CredentialCipher.decrypt(fresh, keyId, parts);
    }
  }

  /**
   * Replaces the credential behind {@code keyId} (the customer changed its cloud keys), encrypted
   * with the customer's current key.
   *
   * @throws CustomerKeyException if {@code keyId} is not one of the customer's credentials
   */
  public void replace(long customerId, long keyId, Credential credential) {
    requireOwned(customerId, keyId);
    CustomerKeys.CustomerAead key = keys.aead(customerId);
    km.replace(keyId, CredentialCipher.encrypt(key, credential));
    credentials.updateKey(customerId, keyId, key.primaryKeyId());
  }

  /** Deletes the credential from the Key Manager and forgets it. */
  public void delete(long customerId, long keyId) {
    requireOwned(customerId, keyId);
    km.delete(keyId);
    credentials.delete(customerId, keyId);
  }

  /**
   * Re-encrypts every credential of the customer that an older key encrypted with the customer's
   * current primary key (after {@link CustomerKeys#rotate}). Safe to run again; a run that stops
   * half way leaves every row readable, and the next run finishes the rest.
   *
   * @return how many credentials were re-encrypted
   */
  public int reencrypt(long customerId) {
    keys.forget(customerId);
    CustomerKeys.CustomerAead key = keys.aead(customerId);
    List<Long> stale = credentials.notEncryptedWith(customerId, key.primaryKeyId());
    int done = 0;
    for (long keyId : stale) {
      Credential credential = CredentialCipher.decrypt(key, keyId, km.fetch(keyId));
      km.replace(keyId, CredentialCipher.encrypt(key, credential));
      credentials.updateKey(customerId, keyId, key.primaryKeyId());
      done++;
    }
    log.info(
        "Customer {}: {} credential(s) re-encrypted with key {}",
        customerId,
        done,
        key.primaryKeyId());
    return done;
  }

  private void requireOwned(long customerId, long keyId) {
    if (!credentials.belongsTo(customerId, keyId)) {
      throw new CustomerKeyException(
          "key " + keyId + " is not a credential of customer " + customerId);
    }
  }

  private void forgetQuietly(long keyId, RuntimeException cause) {
    try {
      km.delete(keyId);
    } catch (RuntimeException e) {
      cause.addSuppressed(e);
      log.warn(
          "Key {} is stored in the Key Manager but not recorded for its customer; it is unused"
              + " and can be deleted",
          keyId);
    }
  }
}
