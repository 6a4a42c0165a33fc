package io.stratus.common.keys;

import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The {@code customer_credential} table: which KM rows are whose, and under which key. */
final class CustomerCredentialRepository {
  private final JdbcClient jdbc;

  CustomerCredentialRepository(DataSource primary) {
    this.jdbc = JdbcClient.create(primary);
  }

  void insert(long customerId, long kmKeyId, long keysetKeyId) {
    jdbc.sql(
            """
            INSERT INTO customer_credential (km_key_id, customer_id, keyset_key_id)
            VALUES (:key, :customer, :keysetKey)
            """)
        .param("key", kmKeyId)
        .param("customer", customerId)
        .param("keysetKey", keysetKeyId)
        .update();
  }

  /** Records the key that now encrypts the row; false if the row is not the customer's. */
  boolean updateKey(long customerId, long kmKeyId, long keysetKeyId) {
    return jdbc.sql(
                """
            UPDATE customer_credential SET keyset_key_id = :keysetKey
             WHERE km_key_id = :key AND customer_id = :customer
            """)
            .param("keysetKey", keysetKeyId)
            .param("key", kmKeyId)
            .param("customer", customerId)
            .update()
        == 1;
  }

  boolean belongsTo(long customerId, long kmKeyId) {
    return jdbc.sql(
                """
            SELECT COUNT(*) FROM customer_credential
             WHERE km_key_id = :key AND customer_id = :customer
            """)
            .param("key", kmKeyId)
            .param("customer", customerId)
            .query(Long.class)
            .single()
        > 0;
  }

  boolean delete(long customerId, long kmKeyId) {
    return jdbc.sql(
                "DELETE FROM customer_credential WHERE km_key_id = :key AND customer_id = :customer")
            .param("key", kmKeyId)
            .param("customer", customerId)
            .update()
        == 1;
  }

  /** The customer's rows that another key than {@code keysetKeyId} encrypted. */
  List<Long> notEncryptedWith(long customerId, long keysetKeyId) {
    return jdbc.sql(
            """
            SELECT km_key_id FROM customer_credential
             WHERE customer_id = :customer AND keyset_key_id <> :keysetKey
             ORDER BY km_key_id
            """)
        .param("customer", customerId)
        .param("keysetKey", keysetKeyId)
        .query(Long.class)
        .list();
  }
}
