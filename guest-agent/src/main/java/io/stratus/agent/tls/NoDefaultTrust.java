package io.stratus.agent.tls;

import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Makes the JVM's default TLS context trust nothing. The agent trusts only its installation CA, on
 * each connection it makes; without this, the first {@link javax.net.ssl.HttpsURLConnection} would
 * load the JDK's list of public CAs as a default it never uses, and keep it in memory (a few MB).
 */
public final class NoDefaultTrust {
  private NoDefaultTrust() {}

  public static void install() throws GeneralSecurityException {
    X509TrustManager none =
        new X509TrustManager() {
          @Override
          public void checkClientTrusted(X509Certificate[] chain, String authType)
              throws CertificateException {
            throw new CertificateException("the agent trusts only its installation CA");
          }

          @Override
          public void checkServerTrusted(X509Certificate[] chain, String authType)
              throws CertificateException {
            throw new CertificateException("the agent trusts only its installation CA");
          }

          @Override
          public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
          }
        };
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {none}, null);
    SSLContext.setDefault(context);
  }
}
