package io.stratus.worker.subscriber.cloud;

import java.util.Map;

/**
 * Where a worker gets a cloud account's credentials: the values of the driver's declared fields. In
 * production they come from the Key Manager, decrypted in memory with the customer's key.
 */
@FunctionalInterface
public interface CredentialSource {
  Map<String, String> credentials(long customerId, long cloudAccountId);
}
