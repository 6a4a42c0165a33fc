package io.stratus.common.keys;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.subtle.AesGcmJce;
import io.stratus.common.pki.KeyStores;
import io.stratus.common.pki.PkiException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;

/**
 * The installation's key-encryption keys (KEK): AES-256 keys in a PKCS#12 key store file ({@code
 * kek.p12}, password in {@code kek.p12.password}, both owner-only) on the Dispatcher and worker
 * hosts, and in no database. They wrap every customer's keyset.
 *
 * <p>Entries are named {@code kek-1}, {@code kek-2}, ...; the highest is current and wraps new and
 * rewrapped keysets, the older ones still unwrap what they wrapped until {@link
 * CustomerKeys#rewrapAll()} has moved everything to the current one.
 */
public final class KeyEncryptionKeys {
  static final String PREFIX = "kek-";

  private final Path file;
  private final Map<Integer, Aead> keys;
  private final int current;

  private KeyEncryptionKeys(Path file, Map<Integer, Aead> keys) {
    this.file = file;
    this.keys = Collections.unmodifiableMap(new TreeMap<>(keys));
    this.current = Collections.max(keys.keySet());
  }

  /**
   * Creates the key store with one fresh key, {@code kek-1}.
   *
   * @throws CustomerKeyException if the file exists (a KEK is never overwritten: every customer
   *     keyset it wrapped would be lost)
   */
  public static KeyEncryptionKeys create(Path file) {
    if (Files.exists(file)) {
      throw new CustomerKeyException(
          file + " already exists; a key-encryption key is never overwritten");
    }
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      char[] password = KeyStores.newPassword();
      store.setEntry(
          PREFIX + 1,
          new KeyStore.SecretKeyEntry(newKey()),
          new KeyStore.PasswordProtection(password));
      KeyStores.save(store, file, password);
    } catch (PkiException | IOException | GeneralSecurityException e) {
      throw new CustomerKeyException("cannot create " + file + ": " + e.getMessage(), e);
    }
    return load(file);
  }

  /**
   * Adds a new current key to the store, keeping the older ones. Run it on one host, copy the file
   * to every Dispatcher and worker host, restart them, then run {@link CustomerKeys#rewrapAll()}.
   */
  public static KeyEncryptionKeys rotate(Path file) {
    KeyEncryptionKeys before = load(file);
    KeyStore store = KeyStores.load(file);
    try {
      char[] password = KeyStores.password(file);
      store.setEntry(
          PREFIX + (before.current + 1),
          new KeyStore.SecretKeyEntry(newKey()),
          new KeyStore.PasswordProtection(password));
      KeyStores.save(store, file, password);
    } catch (PkiException | GeneralSecurityException e) {
      throw new CustomerKeyException("cannot add a key to " + file + ": " + e.getMessage(), e);
    }
    return load(file);
  }

  /** Loads every key of the store. */
  public static KeyEncryptionKeys load(Path file) {
    if (!Files.exists(file)) {
      throw new CustomerKeyException(
          "no key-encryption key store at " + file + ": create it once with 'kek init'");
    }
    try {
      KeyStore store = KeyStores.load(file);
      char[] password = KeyStores.password(file);
      Map<Integer, Aead> keys = new TreeMap<>();
      for (String alias : Collections.list(store.aliases())) {
        if (!alias.startsWith(PREFIX)) {
          continue;
        }
        int number = Integer.parseInt(alias.substring(PREFIX.length()));
        Key key = store.getKey(alias, password);
        if (!(key instanceof SecretKey secret) || secret.getEncoded().length != 32) {
          throw new CustomerKeyException(alias + " in " + file + " is not an AES-256 key");
        }
        keys.put(number, new AesGcmJce(secret.getEncoded()));
      }
      if (keys.isEmpty()) {
        throw new CustomerKeyException(file + " holds no key-encryption key");
      }
      return new KeyEncryptionKeys(file, keys);
    } catch (PkiException | NumberFormatException | GeneralSecurityException e) {
      throw new CustomerKeyException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** The name of the current key, e.g. {@code kek-2}. */
  public String currentId() {
    return PREFIX + current;
  }

  Aead current() {
    return keys.get(current);
  }

  /**
   * The key named {@code id}.
   *
   * @throws CustomerKeyException if this store does not hold it (the wrong file, or an old copy)
   */
  Aead byId(String id) {
    Aead aead = null;
    if (id.startsWith(PREFIX)) {
      try {
        aead = keys.get(Integer.parseInt(id.substring(PREFIX.length())));
      } catch (NumberFormatException e) {
        aead = null;
      }
    }
    if (aead == null) {
      throw new CustomerKeyException(
          "a customer keyset is wrapped by "
              + id
              + ", which "
              + file
              + " does not hold: is this the installation's current key file?");
    }
    return aead;
  }

  private static SecretKey newKey() throws GeneralSecurityException {
    KeyGenerator generator = KeyGenerator.getInstance("AES");
    generator.init(256);
    return generator.generateKey();
  }
}
