package io.stratus.common.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratus.common.db.Database;
import io.stratus.common.km.KeyParts;
import io.stratus.common.support.StratusSchema;
import io.stratus.testkit.TestDatabase;
import io.stratus.testkit.TestServices;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Customer keysets in a real {@code stratus} schema, wrapped by a KEK file. */
class CustomerKeysIT {
  private static TestDatabase db;
  private static Database database;
  private static JdbcClient jdbc;
  @TempDir static Path dir;
  private static Path kekFile;

  @BeforeAll
  static void open() {
    db = TestServices.newDatabase("customerkeys");
    database = StratusSchema.open(db);
    jdbc = JdbcClient.create(database.primary());
    kekFile = dir.resolve("kek.p12");
    KeyEncryptionKeys.create(kekFile);
  }

  @AfterAll
  static void close() {
    database.close();
    db.close();
  }

  @Test
  void shouldGiveACustomerOneKeysetWrappedByTheKek() {
    long customer = newCustomer("one-keyset");
    CustomerKeys keys = keys();
    assertTrue(keys.create(customer));
    assertFalse(keys.create(customer), "a second create must leave the first keyset alone");
    Map<String, Object> row =
        jdbc.sql("SELECT kek_id, key_count FROM customer_keyset WHERE customer_id = :c")
            .param("c", customer)
            .query()
            .singleRow();
    assertEquals(KeyEncryptionKeys.load(kekFile).currentId(), row.get("kek_id"));
    assertEquals(1, ((Number) row.get("key_count")).intValue());
  }

  @Test
  void shouldOpenASealedSecretOnlyForItsCustomerAndPurpose() {
    long alice = newCustomer("alice-sealed");
    long bob = newCustomer("bob-sealed");
    CustomerKeys keys = keys();
    keys.create(alice);
    keys.create(bob);
    String sealed = keys.seal(alice, "agent-bootstrap:7", "one-time-token");
    assertFalse(sealed.contains("one-time-token"));
    assertEquals("one-time-token", keys().open(alice, "agent-bootstrap:7", sealed));
    assertThrows(CustomerKeyException.class, () -> keys.open(bob, "agent-bootstrap:7", sealed));
    CustomerKeyException e =
        assertThrows(
            CustomerKeyException.class, () -> keys.open(alice, "agent-bootstrap:8", sealed));
    assertFalse(e.getMessage().contains("one-time-token"), e.getMessage());
  }

  @Test
  void shouldRefuseACustomerWithoutAKeysetClearly() {
    long customer = newCustomer("no-keyset");
    CustomerKeyException e = assertThrows(CustomerKeyException.class, () -> keys().aead(customer));
    assertTrue(e.getMessage().contains("customer " + customer + " has no keyset"), e.getMessage());
  }

  @Test
  void shouldNotUnwrapAKeysetRowMovedToAnotherCustomer() {
    long alice = newCustomer("alice-moved");
    long mallory = newCustomer("mallory-moved");
    CustomerKeys keys = keys();
    keys.create(alice);
    keys.create(mallory);
    jdbc.sql(
            """
            UPDATE customer_keyset m
              JOIN customer_keyset a ON a.customer_id = :alice
               SET m.wrapped_keyset = a.wrapped_keyset, m.primary_key_id = a.primary_key_id
             WHERE m.customer_id = :mallory
            """)
        .param("alice", alice)
        .param("mallory", mallory)
        .update();
    CustomerKeyException e = assertThrows(CustomerKeyException.class, () -> keys.aead(mallory));
    assertTrue(e.getMessage().contains("does not unwrap"), e.getMessage());
  }

  @Test
  void shouldNotUnwrapWithAnotherInstallationsKekFile(@TempDir Path other) {
    long customer = newCustomer("other-kek");
    keys().create(customer);
    Path otherKek = other.resolve("kek.p12");
    KeyEncryptionKeys.create(otherKek);
    CustomerKeys stranger =
        new CustomerKeys(database.primary(), KeyEncryptionKeys.load(otherKek), Duration.ZERO);
    assertThrows(CustomerKeyException.class, () -> stranger.aead(customer));
  }

  @Test
  void shouldRotateToANewPrimaryKeepingOldCiphertextsReadable() throws Exception {
    long customer = newCustomer("rotating");
    CustomerKeys keys = keys();
    keys.create(customer);
    CustomerKeys.CustomerAead before = keys.aead(customer);
    Credential credential = Credential.secret(Map.of("password", "rotate-me"));
    KeyParts old = CredentialCipher.encrypt(before, credential);

    long primary = keys.rotate(customer);
    CustomerKeys.CustomerAead after = keys.aead(customer);
    assertNotEquals(before.primaryKeyId(), primary);
    assertEquals(primary, after.primaryKeyId());
    assertEquals(credential, CredentialCipher.decrypt(after, 1, old));
    KeyParts fresh = CredentialCipher.encrypt(after, credential);
    assertEquals(primary, CredentialCipher.keyIdOf(fresh.privatePart()));
    assertEquals(before.primaryKeyId(), CredentialCipher.keyIdOf(old.privatePart()));
    assertEquals(
        2,
        jdbc.sql("SELECT key_count FROM customer_keyset WHERE customer_id = :c")
            .param("c", customer)
            .query(Integer.class)
            .single());
  }

  @Test
  void shouldRewrapEveryKeysetWithANewKek() throws Exception {
    Path file = kekFile;
    long customer = newCustomer("rewrap");
    CustomerKeys keys =
        new CustomerKeys(database.primary(), KeyEncryptionKeys.load(file), Duration.ZERO);
    keys.create(customer);
    KeyParts sealed =
        CredentialCipher.encrypt(keys.aead(customer), Credential.secret(Map.of("k", "v")));
    byte[] wrappedBefore = wrapped(customer);

    String before = KeyEncryptionKeys.load(file).currentId();
    KeyEncryptionKeys rotated = KeyEncryptionKeys.rotate(file);
    assertNotEquals(before, rotated.currentId());
    CustomerKeys afterRotation = new CustomerKeys(database.primary(), rotated, Duration.ZERO);
    assertEquals(
        Credential.secret(Map.of("k", "v")),
        CredentialCipher.decrypt(afterRotation.aead(customer), 1, sealed),
        "kek-1 still unwraps before the rewrap");
    assertTrue(afterRotation.rewrapAll() >= 1);
    assertEquals(
        rotated.currentId(),
        jdbc.sql("SELECT kek_id FROM customer_keyset WHERE customer_id = :c")
            .param("c", customer)
            .query(String.class)
            .single());
    assertFalse(java.util.Arrays.equals(wrappedBefore, wrapped(customer)));
    assertEquals(
        Credential.secret(Map.of("k", "v")),
        CredentialCipher.decrypt(afterRotation.aead(customer), 1, sealed));
  }

  private static byte[] wrapped(long customer) {
    return jdbc.sql("SELECT wrapped_keyset FROM customer_keyset WHERE customer_id = :c")
        .param("c", customer)
        .query(byte[].class)
        .single();
  }

  private static CustomerKeys keys() {
    return new CustomerKeys(database.primary(), KeyEncryptionKeys.load(kekFile), Duration.ZERO);
  }

  private static long newCustomer(String name) {
    jdbc.sql("INSERT INTO customer (name) VALUES (:n)").param("n", name).update();
    return jdbc.sql("SELECT id FROM customer WHERE name = :n")
        .param("n", name)
        .query(Long.class)
        .single();
  }
}
