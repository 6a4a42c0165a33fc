package io.stratus.common.pki;

import io.stratus.common.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a component finds its TLS identity: its own PKCS#12 key store (from {@code stratus-admin
 * pki issue}) and the installation's trust store (the CA certificate). Each store's password is
 * read from {@code <store>.password} beside it, so no password appears in a properties file.
 *
 * <p>Keys, under a prefix such as {@code tls}:
 *
 * <ul>
 *   <li>{@code tls.keystore} (required) the component's {@code <component>.p12}
 *   <li>{@code tls.truststore} (required) the installation's {@code truststore.p12}
 * </ul>
 */
public record TlsSettings(Path keyStore, Path trustStore) {

  /** Reads and checks the keys under {@code prefix}: both stores and their password files exist. */
  public static TlsSettings from(Config config, String prefix) {
    Path keyStore = readable(config, prefix + ".keystore");
    Path trustStore = readable(config, prefix + ".truststore");
    return new TlsSettings(keyStore, trustStore);
  }

  /** Loads both stores into an {@link TlsMaterial}; fails naming the file that is wrong. */
  public TlsMaterial load() {
    return TlsMaterial.load(keyStore, trustStore);
  }

  private static Path readable(Config config, String key) {
    Path path = config.requirePath(key);
    if (!Files.isReadable(path)) {
      throw config.error(key, "names " + path + ", which does not exist or cannot be read");
    }
    Path password = KeyStores.passwordFile(path);
    if (!Files.isReadable(password)) {
      throw config.error(
          key, "names " + path + ", but its password file " + password + " cannot be read");
    }
    return path;
  }
}
