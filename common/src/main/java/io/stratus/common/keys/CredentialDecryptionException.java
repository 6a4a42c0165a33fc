package io.stratus.common.keys;

/**
 * A stored credential did not decrypt for the customer that asked: it was encrypted for another
 * customer, or its row was altered. Never retried: the same bytes fail the same way.
 */
public class CredentialDecryptionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final long customerId;
  private final long keyId;

  public CredentialDecryptionException(long customerId, long keyId, String why) {
    super("credential " + keyId + " cannot be decrypted for customer " + customerId + ": " + why);
    this.customerId = customerId;
    this.keyId = keyId;
  }

  public long customerId() {
    return customerId;
  }

  public long keyId() {
    return keyId;
  }
}
