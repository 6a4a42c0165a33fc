package io.stratus.common.pki;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.X509Certificate;
import java.util.Collections;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A component's loaded TLS identity and trust: builds the {@link SSLContext} for its servers and
 * its clients (mutual TLS inside the installation). The key store's password stays in memory only
 * as long as the key managers are built.
 */
public final class TlsMaterial {
  private final Path keyStorePath;
  private final KeyStore keyStore;
  private final KeyStore trustStore;
  private final SSLContext context;

  private TlsMaterial(Path keyStorePath, KeyStore keyStore, KeyStore trustStore, SSLContext ctx) {
    this.keyStorePath = keyStorePath;
    this.keyStore = keyStore;
    this.trustStore = trustStore;
    this.context = ctx;
  }

  /**
   * Loads a component key store and the installation trust store, each with its {@code .password}
   * file.
   *
   * @throws PkiException naming the file that cannot be read or used
   */
  public static TlsMaterial load(Path keyStorePath, Path trustStorePath) {
    KeyStore keys = KeyStores.load(keyStorePath);
    KeyStore trust = KeyStores.load(trustStorePath);
    try {
      if (Collections.list(keys.aliases()).stream().noneMatch(a -> isKey(keys, a))) {
        throw new PkiException(keyStorePath + " holds no private key: issue it with 'pki issue'");
      }
      KeyManagerFactory keyManagers =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keyManagers.init(keys, KeyStores.password(keyStorePath));
      TrustManagerFactory trustManagers =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trustManagers.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
      return new TlsMaterial(keyStorePath, keys, trust, context);
    } catch (GeneralSecurityException e) {
      throw new PkiException(
          "cannot use key store " + keyStorePath + " for TLS: " + e.getMessage(), e);
    }
  }

  /** Mutual TLS: presents this component's certificate, trusts only the installation CA. */
  public SSLContext sslContext() {
    return context;
  }

  /** The component's key store (for servers that take a {@link KeyStore}, such as Tomcat). */
  public KeyStore keyStore() {
    return keyStore;
  }

  /** The password of {@link #keyStore()}, read from its file on each call. */
  public char[] keyStorePassword() {
    return KeyStores.password(keyStorePath);
  }

  /** The installation trust store: the CA certificate only. */
  public KeyStore trustStore() {
    return trustStore;
  }

  /** The identity in this component's own certificate. */
  public ComponentIdentity identity() {
    try {
      for (String alias : Collections.list(keyStore.aliases())) {
        if (keyStore.getCertificate(alias) instanceof X509Certificate certificate) {
          return ComponentIdentity.of(certificate)
              .orElseThrow(
                  () -> new PkiException(keyStorePath + " holds no Stratus component certificate"));
        }
      }
    } catch (KeyStoreException e) {
      throw new PkiException("cannot read " + keyStorePath + ": " + e.getMessage(), e);
    }
    throw new PkiException(keyStorePath + " holds no certificate");
  }

  private static boolean isKey(KeyStore store, String alias) {
    try {
      return store.isKeyEntry(alias);
    } catch (KeyStoreException e) {
      return false;
    }
  }
}
