package io.stratus.km;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratus.common.keys.Credential;
import io.stratus.common.keys.CredentialDecryptionException;
import io.stratus.common.keys.CredentialVault;
import io.stratus.common.keys.CustomerKeyException;
import io.stratus.common.keys.CustomerKeys;
import io.stratus.common.keys.KeyEncryptionKeys;
import io.stratus.common.km.KeyNotFoundException;
import io.stratus.km.support.KmFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Customer credentials through a running KM: isolation, tampering, rotation, the KEK file. */
class CredentialVaultIT {
  private static KmFixture km;
  private static CredentialVault vault;
  private static long alice;
  private static long bob;

  @BeforeAll
  static void start() {
    km = KmFixture.start("vault", null);
    alice = km.newCustomer("alice");
    bob = km.newCustomer("bob");
  }

  @AfterAll
  static void stop() {
    km.close();
  }

  /** A fresh vault per test: one test rotates the key file, and a vault loads it when made. */
  @BeforeEach
  void openVault() {
    vault = km.vault();
  }

  @Test
  void shouldStoreAndFetchThroughTheKm() {
    Credential aws = aws("AKIA-ALICE", "alice-secret-" + System.nanoTime());
    long keyId = vault.store(alice, aws);
    assertEquals(aws, vault.fetch(alice, keyId));
    String stored =
        JdbcClient.create(km.kmDataSource())
            .sql("SELECT private_part FROM `key` WHERE key_id = :id")
            .param("id", keyId)
            .query(String.class)
            .single();
    assertFalse(stored.contains("alice-secret"), "the KM holds the secret in the clear");
    assertEquals(
        alice,
        JdbcClient.create(km.mainDataSource())
            .sql("SELECT customer_id FROM customer_credential WHERE km_key_id = :id")
            .param("id", keyId)
            .query(Long.class)
            .single());
  }

  @Test
  void shouldNotReadOneCustomersCredentialAsAnothers() {
    long keyId = vault.store(alice, aws("AKIA-A", "only-alice-knows"));
    CredentialDecryptionException asBob =
        assertThrows(CredentialDecryptionException.class, () -> vault.fetch(bob, keyId));
    assertTrue(asBob.getMessage().contains("customer " + bob), asBob.getMessage());
    assertFalse(asBob.getMessage().contains("only-alice-knows"));

    // Even with the main schema altered to say the row is Bob's, Bob's keys cannot open it.
    JdbcClient.create(km.mainDataSource())
        .sql("UPDATE customer_credential SET customer_id = :bob WHERE km_key_id = :id")
        .param("bob", bob)
        .param("id", keyId)
        .update();
    assertThrows(CredentialDecryptionException.class, () -> vault.fetch(bob, keyId));
    assertThrows(CredentialDecryptionException.class, () -> vault.reencrypt(bob));
    JdbcClient.create(km.mainDataSource())
        .sql("UPDATE customer_credential SET customer_id = :alice WHERE km_key_id = :id")
        .param("alice", alice)
        .param("id", keyId)
        .update();
    assertThrows(CustomerKeyException.class, () -> vault.delete(bob, keyId));
  }

  @Test
  void shouldDetectAFlippedByteInTheKmsRow() {
    long keyId = vault.store(alice, aws("AKIA-FLIP", "flip-me"));
    JdbcClient jdbc = JdbcClient.create(km.kmDataSource());
    String part =
        jdbc.sql("SELECT private_part FROM `key` WHERE key_id = :id")
            .param("id", keyId)
            .query(String.class)
            .single();
    byte[] bytes = Base64.getDecoder().decode(part);
    bytes[bytes.length / 2] ^= 0x20;
    jdbc.sql("UPDATE `key` SET private_part = :part WHERE key_id = :id")
        .param("part", Base64.getEncoder().encodeToString(bytes))
        .param("id", keyId)
        .update();
    CredentialDecryptionException e =
        assertThrows(CredentialDecryptionException.class, () -> vault.fetch(alice, keyId));
    assertTrue(e.getMessage().contains("altered"), e.getMessage());
  }

  @Test
  void shouldKeepEverySecretReadableThroughRotationAndReencryption() {
    long carol = km.newCustomer("carol");
    CustomerKeys keys = km.customerKeys();
    Map<Long, Credential> stored = new LinkedHashMap<>();
    for (int i = 0; i < 5; i++) {
      Credential c = aws("AKIA-" + i, "before-rotation-" + i);
      stored.put(vault.store(carol, c), c);
    }
    long first = keys.primaryKeyId(carol);
    long second = keys.rotate(carol);
    assertNotEquals(first, second);
    for (Map.Entry<Long, Credential> e : stored.entrySet()) {
      assertEquals(e.getValue(), vault.fetch(carol, e.getKey()), "old rows decrypt after rotation");
    }
    Credential fresh = aws("AKIA-NEW", "after-rotation");
    stored.put(vault.store(carol, fresh), fresh);
    assertEquals(Set.of(first, second), keyVersions(carol));

    assertEquals(5, vault.reencrypt(carol), "the five rows of the old key move");
    assertEquals(Set.of(second), keyVersions(carol));
    assertEquals(0, vault.reencrypt(carol), "a second run has nothing to do");
    for (Map.Entry<Long, Credential> e : stored.entrySet()) {
      assertEquals(e.getValue(), vault.fetch(carol, e.getKey()));
    }
  }

  @Test
  void shouldReplaceAndDeleteACustomersCredential() {
    long keyId = vault.store(alice, aws("AKIA-OLD", "old-secret"));
    Credential updated = aws("AKIA-NEW", "new-secret");
    vault.replace(alice, keyId, updated);
    assertEquals(updated, vault.fetch(alice, keyId));
    vault.delete(alice, keyId);
    assertThrows(KeyNotFoundException.class, () -> vault.fetch(alice, keyId));
  }

  @Test
  void shouldRevealNothingFromBothSchemasWithoutTheKeyFile(@TempDir Path elsewhere) {
    long keyId = vault.store(alice, aws("AKIA-DUMP", "needs-the-kek"));
    // An attacker with both databases but another key file (or none) cannot unwrap the keyset.
    Path otherKek = elsewhere.resolve("kek.p12");
    KeyEncryptionKeys.create(otherKek);
    CustomerKeys withoutTheFile =
        new CustomerKeys(km.mainDataSource(), KeyEncryptionKeys.load(otherKek), Duration.ZERO);
    CredentialVault attacker =
        new CredentialVault(withoutTheFile, km.client("dispatcher"), km.mainDataSource());
    CustomerKeyException e =
        assertThrows(CustomerKeyException.class, () -> attacker.fetch(alice, keyId));
    assertTrue(e.getMessage().contains("does not unwrap"), e.getMessage());
    assertTrue(Files.exists(km.kekFile()));
  }

  @Test
  void shouldRewrapEveryKeysetAfterTheKekIsRotated() throws Exception {
    long dave = km.newCustomer("dave");
    Credential c = aws("AKIA-DAVE", "dave-secret");
    long keyId = vault.store(dave, c);
    KeyEncryptionKeys.rotate(km.kekFile());
    CustomerKeys keys = km.customerKeys();
    assertTrue(keys.rewrapAll() >= 1);
    assertEquals(
        0L,
        JdbcClient.create(km.mainDataSource())
            .sql("SELECT COUNT(*) FROM customer_keyset WHERE kek_id <> 'kek-2'")
            .query(Long.class)
            .single());
    assertEquals(
        c, new CredentialVault(keys, km.client("worker"), km.mainDataSource()).fetch(dave, keyId));
  }

  private static Set<Long> keyVersions(long customer) {
    return new HashSet<>(
        JdbcClient.create(km.mainDataSource())
            .sql("SELECT DISTINCT keyset_key_id FROM customer_credential WHERE customer_id = :c")
            .param("c", customer)
            .query(Long.class)
            .list());
  }

  private static Credential aws(String accessKey, String secret) {
    return new Credential(Map.of("accessKeyId", accessKey), Map.of("secretAccessKey", secret));
  }
}
