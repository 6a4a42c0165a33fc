package io.stratus.common.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import io.stratus.common.km.KeyParts;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CredentialCipherTest {
  private static final Credential AWS =
      new Credential(
          Map.of("accessKeyId", "AKIAEXAMPLE"), Map.of("secretAccessKey", "wJalrXUtnFEMI/K7MDENG"));

  @BeforeAll
  static void register() throws GeneralSecurityException {
    AeadConfig.register();
  }

  @Test
  void shouldRoundTripACredentialForItsCustomer() throws Exception {
    CustomerKeys.CustomerAead a = newKeyset(1);
    KeyParts parts = CredentialCipher.encrypt(a, AWS);
    assertEquals(CredentialCipher.VERSION, parts.version());
    assertFalse(parts.privatePart().contains("wJalr"), "the secret is in the clear");
    assertFalse(parts.publicPart().contains("AKIA"), "the public fields are in the clear");
    assertEquals(AWS, CredentialCipher.decrypt(a, 99, parts));
    assertEquals(a.primaryKeyId(), CredentialCipher.keyIdOf(parts.privatePart()));
  }

  @Test
  void shouldRefuseAnotherCustomersCiphertextEvenWithTheSameKeys() throws Exception {
    KeysetHandle shared = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
    Aead aead = shared.getPrimitive(RegistryConfiguration.get(), Aead.class);
    CustomerKeys.CustomerAead a = new CustomerKeys.CustomerAead(1, 5, aead);
    CustomerKeys.CustomerAead b = new CustomerKeys.CustomerAead(2, 5, aead);
    KeyParts parts = CredentialCipher.encrypt(a, AWS);
    CredentialDecryptionException e =
        assertThrows(
            CredentialDecryptionException.class, () -> CredentialCipher.decrypt(b, 7, parts));
    assertTrue(
        e.getMessage().contains("credential 7 cannot be decrypted for customer 2"), e.getMessage());
    assertTrue(e.getMessage().contains("another customer"), e.getMessage());
    assertFalse(e.getMessage().contains("wJalr"));
  }

  @Test
  void shouldRefuseAnotherCustomersKeyset() throws Exception {
    KeyParts parts = CredentialCipher.encrypt(newKeyset(1), AWS);
    assertThrows(
        CredentialDecryptionException.class,
        () -> CredentialCipher.decrypt(newKeyset(2), 7, parts));
  }

  @Test
  void shouldDetectEveryFlippedByte() throws Exception {
    CustomerKeys.CustomerAead a = newKeyset(1);
    KeyParts parts = CredentialCipher.encrypt(a, AWS);
    byte[] sealed = Base64.getDecoder().decode(parts.privatePart());
    for (int i = 0; i < sealed.length; i++) {
      byte[] flipped = sealed.clone();
      flipped[i] ^= 0x01;
      KeyParts altered =
          new KeyParts(
              parts.version(), parts.publicPart(), Base64.getEncoder().encodeToString(flipped));
      assertThrows(
          CredentialDecryptionException.class,
          () -> CredentialCipher.decrypt(a, 7, altered),
          "byte " + i);
    }
  }

  @Test
  void shouldRefuseSwappedPartsAndUnknownSchemes() throws Exception {
    CustomerKeys.CustomerAead a = newKeyset(1);
    KeyParts parts = CredentialCipher.encrypt(a, AWS);
    KeyParts swapped = new KeyParts(parts.version(), parts.privatePart(), parts.publicPart());
    assertThrows(
        CredentialDecryptionException.class, () -> CredentialCipher.decrypt(a, 7, swapped));
    KeyParts unknown = new KeyParts("rot13", parts.publicPart(), parts.privatePart());
    CredentialDecryptionException e =
        assertThrows(
            CredentialDecryptionException.class, () -> CredentialCipher.decrypt(a, 7, unknown));
    assertTrue(e.getMessage().contains("unknown scheme 'rot13'"));
    KeyParts notBase64 = new KeyParts(parts.version(), parts.publicPart(), "***");
    assertThrows(
        CredentialDecryptionException.class, () -> CredentialCipher.decrypt(a, 7, notBase64));
  }

  @Test
  void shouldNeverShowSecretValuesInToString() {
    String text = AWS.toString();
    assertTrue(text.contains("accessKeyId=AKIAEXAMPLE"), text);
    assertTrue(text.contains("secretAccessKey=******"), text);
    assertFalse(text.contains("wJalr"), text);
    assertThrows(IllegalArgumentException.class, () -> new Credential(Map.of("a", "b"), Map.of()));
  }

  private static CustomerKeys.CustomerAead newKeyset(long customerId) throws Exception {
    KeysetHandle handle = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
    return new CustomerKeys.CustomerAead(
        customerId,
        Integer.toUnsignedLong(handle.getPrimary().getId()),
        handle.getPrimitive(RegistryConfiguration.get(), Aead.class));
  }
}
