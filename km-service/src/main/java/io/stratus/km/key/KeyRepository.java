package io.stratus.km.key;

import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The {@code key} table: de-identified rows, nothing but an id, a scheme and two parts. */
public final class KeyRepository {
  private final JdbcClient jdbc;

  public KeyRepository(DataSource primary) {
    this.jdbc = JdbcClient.create(primary);
  }

  /**
   * @throws org.springframework.dao.DuplicateKeyException if the id is taken
   */
  void insert(long keyId, KeyRequest key) {
    jdbc.sql(
            """
            INSERT INTO `key` (key_id, version, public_part, private_part)
            VALUES (:id, :version, :public, :private)
            """)
        .param("id", keyId)
        .param("version", key.version())
        .param("public", key.publicPart())
        .param("private", key.privatePart())
        .update();
  }

  Optional<StoredKey> find(long keyId) {
    return jdbc.sql(
            "SELECT key_id, version, public_part, private_part FROM `key` WHERE key_id = :id")
        .param("id", keyId)
        .query(
            (rs, n) ->
                new StoredKey(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)))
        .optional();
  }

  boolean replace(long keyId, KeyRequest key) {
    return jdbc.sql(
                """
            UPDATE `key` SET version = :version, public_part = :public, private_part = :private
             WHERE key_id = :id
            """)
            .param("version", key.version())
            .param("public", key.publicPart())
            .param("private", key.privatePart())
            .param("id", keyId)
            .update()
        == 1;
  }

  boolean delete(long keyId) {
    return jdbc.sql("DELETE FROM `key` WHERE key_id = :id").param("id", keyId).update() == 1;
  }
}
