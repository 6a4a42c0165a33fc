package io.stratus.agent.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A key manager holding one key and its chain, which can be swapped while servers and clients use
 * it: after a renewal the next TLS handshake presents the new certificate, without rebuilding the
 * {@link javax.net.ssl.SSLContext} or restarting the listener.
 */
public final class AgentKeyManager extends X509ExtendedKeyManager {
  private static final String ALIAS = "agent";

  private record Entry(PrivateKey key, X509Certificate[] chain) {}

  private volatile Entry entry;

  public AgentKeyManager(PrivateKey key, X509Certificate... chain) {
    set(key, chain);
  }

  /** Presents {@code key} and {@code chain} from the next handshake on. */
  public void set(PrivateKey key, X509Certificate... chain) {
    this.entry = new Entry(key, chain.clone());
  }

  private String alias(String keyType) {
    Entry current = entry;
    String algorithm = current.key.getAlgorithm();
    return keyType != null
            && (keyType.equalsIgnoreCase(algorithm)
                || keyType.toUpperCase(java.util.Locale.ROOT).startsWith(algorithm + "_"))
        ? ALIAS
        : null;
  }

  private String alias(String[] keyTypes) {
    if (keyTypes == null) {
      return null;
    }
    for (String type : keyTypes) {
      if (alias(type) != null) {
        return ALIAS;
      }
    }
    return null;
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    return alias(keyType) == null ? null : new String[] {ALIAS};
  }

  @Override
  public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
    return alias(keyType);
  }

  @Override
  public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
    return alias(keyType);
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    return alias(keyType) == null ? null : new String[] {ALIAS};
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return alias(keyType);
  }

  @Override
  public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
    return alias(keyType);
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    return ALIAS.equals(alias) ? entry.chain.clone() : null;
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    return ALIAS.equals(alias) ? entry.key : null;
  }
}
