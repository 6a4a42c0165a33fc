package io.stratus.agent.identity;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Optional;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The identity on disk, in the state directory (owner-only, as are its files): {@code agent.p12}
 * (the key and its chain: certificate, CA), its password in {@code agent.p12.password} (generated
 * once), and {@code agent-identity.properties} (server id, Dispatcher URL). Files are written to a
 * temporary name and renamed, so a crash never leaves half a store.
 */
public final class IdentityStore {
  private static final Logger log = Logger.getLogger(IdentityStore.class.getName());
  static final String STORE = "agent.p12";
  static final String PASSWORD = "agent.p12.password";
  static final String DETAILS = "agent-identity.properties";
  private static final String ALIAS = "agent";

  private final Path dir;

  public IdentityStore(Path dir) {
    this.dir = dir;
  }

  public Path dir() {
    return dir;
  }

  /** The stored identity, or empty when there is none or it cannot be read (said in the log). */
  public Optional<Identity> load() {
    Path store = dir.resolve(STORE);
    if (!Files.exists(store)) {
      return Optional.empty();
    }
    try {
      char[] password = password();
      KeyStore keys = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(store)) {
        keys.load(in, password);
      }
      Key key = keys.getKey(ALIAS, password);
      Certificate[] chain = keys.getCertificateChain(ALIAS);
      Properties details = new Properties();
      try (Reader r = Files.newBufferedReader(dir.resolve(DETAILS), StandardCharsets.UTF_8)) {
        details.load(r);
      }
      if (!(key instanceof PrivateKey privateKey) || chain == null || chain.length < 2) {
        log.warning(store + " holds no key with its chain; enrolling again");
        return Optional.empty();
      }
      return Optional.of(
          new Identity(
              privateKey,
              (X509Certificate) chain[0],
              (X509Certificate) chain[chain.length - 1],
              Long.parseLong(details.getProperty("server-id")),
              URI.create(details.getProperty("dispatcher"))));
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      log.warning("Cannot read the identity in " + dir + " (" + e + "); enrolling again");
      return Optional.empty();
    }
  }

  /** Writes {@code identity}, replacing the one stored. */
  public void save(Identity identity) throws IOException {
    createPrivateDir(dir);
    try {
      char[] password = password();
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      keys.setKeyEntry(
          ALIAS,
          identity.key(),
          password,
          new Certificate[] {identity.certificate(), identity.ca()});
      Path storeTmp = privateTemp(STORE);
      try (OutputStream out = Files.newOutputStream(storeTmp)) {
        keys.store(out, password);
      }
      Properties details = new Properties();
      details.setProperty("server-id", Long.toString(identity.serverId()));
      details.setProperty("dispatcher", identity.dispatcher().toString());
      Path detailsTmp = privateTemp(DETAILS);
      try (Writer w = Files.newBufferedWriter(detailsTmp, StandardCharsets.UTF_8)) {
        details.store(w, "The agent's enrolment (see docs/guest-agent.md)");
      }
      move(storeTmp, STORE);
      move(detailsTmp, DETAILS);
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot write the identity in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Moves the stored identity aside (to {@code *.old}), so the agent enrolls again. */
  public void discard() throws IOException {
    for (String name : new String[] {STORE, DETAILS}) {
      Path file = dir.resolve(name);
      if (Files.exists(file)) {
        Files.move(file, dir.resolve(name + ".old"), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  static void createPrivateDir(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir);
    }
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
  }

  private Path privateTemp(String name) throws IOException {
    Path tmp = dir.resolve(name + ".tmp");
    Files.deleteIfExists(tmp);
    return Files.createFile(
        tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
  }

  private void move(Path tmp, String name) throws IOException {
    Files.move(
        tmp,
        dir.resolve(name),
        StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * The store's password, generated once per state directory and kept, so that replacing the store
   * is one rename.
   */
  private char[] password() throws IOException {
    Path file = dir.resolve(PASSWORD);
    if (!Files.exists(file)) {
      byte[] bytes = new byte[24];
      new SecureRandom().nextBytes(bytes);
      Path tmp = privateTemp(PASSWORD);
      Files.writeString(
          tmp,
          Base64.getUrlEncoder().withoutPadding().encodeToString(bytes),
          StandardCharsets.UTF_8);
      move(tmp, PASSWORD);
    }
    return Files.readString(file, StandardCharsets.UTF_8).strip().toCharArray();
  }
}
