package io.stratus.worker.subscriber.cloud;

import io.stratus.common.keys.Credential;
import io.stratus.common.keys.CredentialVault;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Credentials as production has them: the account's Key Manager key id from the main schema, the
 * parts from the KM, decrypted in memory with the customer's key. Nothing is cached here.
 */
public final class VaultCredentialSource implements CredentialSource {
  private final JdbcClient jdbc;
  private final CredentialVault vault;

  public VaultCredentialSource(DataSource reads, CredentialVault vault) {
    this.jdbc = JdbcClient.create(reads);
    this.vault = vault;
  }

  @Override
  public Map<String, String> credentials(long customerId, long cloudAccountId) {
    Long keyId =
        jdbc.sql("SELECT km_key_id FROM cloud_account WHERE id = ? AND customer_id = ?")
            .params(cloudAccountId, customerId)
            .query(Long.class)
            .optional()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "no cloud account " + cloudAccountId + " of customer " + customerId));
    if (keyId == null) {
      throw new IllegalStateException("cloud account " + cloudAccountId + " has no credentials");
    }
    Credential credential = vault.fetch(customerId, keyId);
    Map<String, String> values = new HashMap<>(credential.publicFields());
    values.putAll(credential.secretFields());
    return values;
  }
}
