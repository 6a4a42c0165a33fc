package io.stratus.common.keys;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratus.common.km.KeyParts;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;

/**
 * Turns a {@link Credential} into the two encrypted parts the Key Manager stores, and back. Each
 * part is the customer's AEAD over the fields as JSON, with associated data naming the customer and
 * the part, so a row read as another customer's, a public part swapped with a private one, or a
 * single flipped byte fails to decrypt. Parts are Base64 text; their scheme is {@link #VERSION}.
 */
final class CredentialCipher {
  /** The scheme written to the KM's {@code version} column. */
  static final String VERSION = "stratus-aead-1";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, String>> FIELDS = new TypeReference<>() {};

  private CredentialCipher() {}

  static KeyParts encrypt(CustomerKeys.CustomerAead key, Credential credential) {
    try {
      return new KeyParts(
          VERSION,
          seal(key, "public", credential.publicFields()),
          seal(key, "private", credential.secretFields()));
    } catch (GeneralSecurityException | IOException e) {
      throw new CustomerKeyException(
          "cannot encrypt a credential for customer " + key.customerId(), e);
    }
  }

  /**
   * Decrypts the parts of KM row {@code keyId} for the customer that owns {@code key}.
   *
   * @throws CredentialDecryptionException if they were encrypted for another customer, altered, or
   *     written by an unknown scheme
   */
  static Credential decrypt(CustomerKeys.CustomerAead key, long keyId, KeyParts parts) {
    if (!VERSION.equals(parts.version())) {
      throw new CredentialDecryptionException(
          key.customerId(), keyId, "it was written by an unknown scheme '" + parts.version() + "'");
    }
    Map<String, String> publicFields = open(key, keyId, "public", parts.publicPart());
    Map<String, String> secretFields = open(key, keyId, "private", parts.privatePart());
    return new Credential(publicFields, secretFields);
  }

  /** Which of the customer's keys encrypted {@code part} (Tink's 5-byte prefix), or -1. */
  static long keyIdOf(String part) {
    try {
      byte[] bytes = Base64.getDecoder().decode(part);
      if (bytes.length < 5 || bytes[0] != 1) {
        return -1;
      }
      return Integer.toUnsignedLong(ByteBuffer.wrap(bytes, 1, 4).getInt());
    } catch (IllegalArgumentException e) {
      return -1;
    }
  }

  private static String seal(CustomerKeys.CustomerAead key, String part, Map<String, String> fields)
      throws GeneralSecurityException, IOException {
    byte[] plain = JSON.writeValueAsBytes(fields);
    try {
      byte[] sealed = key.aead().encrypt(plain, associatedData(key.customerId(), part));
      return Base64.getEncoder().encodeToString(sealed);
    } finally {
      java.util.Arrays.fill(plain, (byte) 0);
    }
  }

  private static Map<String, String> open(
      CustomerKeys.CustomerAead key, long keyId, String part, String text) {
    byte[] sealed;
    try {
      sealed = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new CredentialDecryptionException(
          key.customerId(), keyId, "its " + part + " part is not Base64: the row was altered");
    }
    byte[] plain;
    try {
      plain = key.aead().decrypt(sealed, associatedData(key.customerId(), part));
    } catch (GeneralSecurityException e) {
      throw new CredentialDecryptionException(
          key.customerId(),
          keyId,
          "its "
              + part
              + " part fails authentication: it belongs to another customer, or the row was"
              + " altered");
    }
    try {
      return JSON.readValue(plain, FIELDS);
    } catch (IOException e) {
      // An authenticated plaintext that is not our JSON: a bug, not an attack. Keep it out of
      // the message, it may hold a secret.
      throw new CredentialDecryptionException(
          key.customerId(), keyId, "its " + part + " part does not hold credential fields");
    } finally {
      java.util.Arrays.fill(plain, (byte) 0);
    }
  }

  private static byte[] associatedData(long customerId, String part) {
    return ("stratus:credential:" + VERSION + ":customer:" + customerId + ":" + part)
        .getBytes(StandardCharsets.US_ASCII);
  }
}
