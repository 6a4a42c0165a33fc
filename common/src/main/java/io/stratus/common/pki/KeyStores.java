package io.stratus.common.pki;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * PKCS#12 files and their passwords. Each store's password is generated and kept beside it in
 * {@code <store>.password}, readable by its owner only; it is never printed or logged.
 */
public final class KeyStores {
  private KeyStores() {}

  /** A new random password (24 bytes, Base64). */
  public static char[] newPassword() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).toCharArray();
  }

  /** Writes the store and its password file, both owner-only. */
  public static void save(KeyStore store, Path file, char[] password) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      writePrivate(passwordFile(file), new String(password).getBytes(StandardCharsets.UTF_8));
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.deleteIfExists(tmp);
      Files.createFile(
          tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.TRUNCATE_EXISTING)) {
        store.store(out, password);
      }
      Files.move(
          tmp,
          file,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | GeneralSecurityException e) {
      throw new PkiException("cannot write key store " + file + ": " + e.getMessage(), e);
    }
  }

  /** Loads a PKCS#12 store with the password from its {@code .password} file. */
  public static KeyStore load(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password(file));
      return store;
    } catch (IOException | GeneralSecurityException e) {
      throw new PkiException("cannot read key store " + file + ": " + e.getMessage(), e);
    }
  }

  /** The password of a store, from {@code <store>.password}. */
  public static char[] password(Path file) {
    try {
      return Files.readString(passwordFile(file), StandardCharsets.UTF_8).strip().toCharArray();
    } catch (IOException e) {
      throw new PkiException(
          "cannot read the password of " + file + " (" + passwordFile(file) + ")", e);
    }
  }

  public static Path passwordFile(Path store) {
    return store.resolveSibling(store.getFileName() + ".password");
  }

  private static void writePrivate(Path file, byte[] content) throws IOException {
    Files.deleteIfExists(file);
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.write(file, content, StandardOpenOption.TRUNCATE_EXISTING);
  }
}
