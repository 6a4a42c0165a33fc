package io.stratus.agent.tls;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts only certificates issued by the installation CA (PKIX, with the JDK's checks: validity,
 * key usage, and the host name where the caller asks for it). As a client it can also require that
 * the server is a given Stratus component: the agent sends its one-time token only to a {@code
 * dispatcher} certificate, never to any other machine holding one of the CA's certificates (every
 * VM does). The CA can be swapped, as the key manager can.
 */
public final class CaTrustManager extends X509ExtendedTrustManager {
  private final String serverComponent;
  private volatile X509ExtendedTrustManager delegate;

  /**
   * Trusts {@code ca}; when {@code serverComponent} is not null, a server must also carry that
   * component identity.
   */
  public CaTrustManager(X509Certificate ca, String serverComponent) {
    this.serverComponent = serverComponent;
    setCa(ca);
  }

  public void setCa(X509Certificate ca) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setCertificateEntry("stratus-ca", ca);
      TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
      factory.init(store);
      for (TrustManager manager : factory.getTrustManagers()) {
        if (manager instanceof X509ExtendedTrustManager extended) {
          this.delegate = extended;
          return;
        }
      }
      throw new IllegalStateException("the JDK offers no X509ExtendedTrustManager");
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("cannot trust the CA: " + e.getMessage(), e);
    }
  }

  private void checkComponent(X509Certificate[] chain) throws CertificateException {
    if (serverComponent == null) {
      return;
    }
    String component = Components.of(chain[0]).orElse(null);
    if (!serverComponent.equals(component)) {
      throw new CertificateException(
          "the server's certificate is not a Stratus "
              + serverComponent
              + "'s (it names "
              + (component == null ? "no component" : component)
              + ")");
    }
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    delegate.checkClientTrusted(chain, authType, socket);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    delegate.checkClientTrusted(chain, authType, engine);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    delegate.checkClientTrusted(chain, authType);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    delegate.checkServerTrusted(chain, authType, socket);
    checkComponent(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    delegate.checkServerTrusted(chain, authType, engine);
    checkComponent(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    delegate.checkServerTrusted(chain, authType);
    checkComponent(chain);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return delegate.getAcceptedIssuers();
  }
}
