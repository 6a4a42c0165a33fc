package io.stratus.common.keys;

import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The {@code customer_keyset} table: wrapped keysets, one per customer. */
final class CustomerKeysetRepository {
  /** One row: which KEK wraps it, its primary key's id, and the wrapped bytes. */
  record Row(long customerId, String kekId, long primaryKeyId, int keyCount, byte[] wrapped) {}

  private final JdbcClient jdbc;

  CustomerKeysetRepository(DataSource primary) {
    this.jdbc = JdbcClient.create(primary);
  }

  /** Inserts the customer's first keyset; false if the customer already has one. */
  boolean insert(Row row) {
    return jdbc.sql(
                """
            INSERT IGNORE INTO customer_keyset
                   (customer_id, kek_id, primary_key_id, key_count, wrapped_keyset)
            VALUES (:customer, :kek, :primary, :count, :wrapped)
            """)
            .param("customer", row.customerId())
            .param("kek", row.kekId())
            .param("primary", row.primaryKeyId())
            .param("count", row.keyCount())
            .param("wrapped", row.wrapped())
            .update()
        == 1;
  }

  Optional<Row> find(long customerId) {
    return jdbc.sql(
            """
            SELECT customer_id, kek_id, primary_key_id, key_count, wrapped_keyset
              FROM customer_keyset
             WHERE customer_id = :customer
            """)
        .param("customer", customerId)
        .query(
            (rs, n) ->
                new Row(
                    rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getInt(4), rs.getBytes(5)))
        .optional();
  }

  /**
   * Replaces the keyset if nobody changed it since {@code expected} was read (compare and set on
   * the primary key id and the KEK); false when someone else did.
   */
  boolean replace(Row expected, Row next, boolean rotated) {
    return jdbc.sql(
                """
            UPDATE customer_keyset
               SET kek_id = :kek, primary_key_id = :primary, key_count = :count,
                   wrapped_keyset = :wrapped,
                   rotated_at = CASE WHEN :rotated THEN CURRENT_TIMESTAMP(3) ELSE rotated_at END
             WHERE customer_id = :customer AND primary_key_id = :oldPrimary AND kek_id = :oldKek
               AND key_count = :oldCount
            """)
            .param("kek", next.kekId())
            .param("primary", next.primaryKeyId())
            .param("count", next.keyCount())
            .param("wrapped", next.wrapped())
            .param("rotated", rotated)
            .param("customer", expected.customerId())
            .param("oldPrimary", expected.primaryKeyId())
            .param("oldKek", expected.kekId())
            .param("oldCount", expected.keyCount())
            .update()
        == 1;
  }

  /** Customers whose keyset is wrapped by another KEK than {@code kekId}. */
  List<Long> customersNotWrappedBy(String kekId) {
    return jdbc.sql(
            "SELECT customer_id FROM customer_keyset WHERE kek_id <> :kek ORDER BY customer_id")
        .param("kek", kekId)
        .query(Long.class)
        .list();
  }
}
