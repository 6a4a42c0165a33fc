package io.stratus.worker.subscriber.agent;

import io.stratus.common.pki.AgentFingerprint;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts an agent only when its certificate chains to the installation CA (the delegate) and is the
 * very certificate the registry recorded at the agent's handshake: its fingerprint is pinned per
 * address and port before each call.
 */
final class PinnedTrustManager extends X509ExtendedTrustManager {
  private final X509ExtendedTrustManager ca;
  private final Map<String, String> pins = new ConcurrentHashMap<>();

  PinnedTrustManager(X509ExtendedTrustManager ca) {
    this.ca = ca;
  }

  void pin(String host, int port, String fingerprint) {
    pins.put(host + ":" + port, fingerprint);
  }

  static String fingerprint(X509Certificate certificate) throws CertificateException {
    try {
      return AgentFingerprint.of(certificate);
    } catch (IllegalArgumentException e) {
      throw new CertificateException("the agent's certificate cannot be encoded", e);
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    ca.checkServerTrusted(chain, authType, engine);
    check(chain, engine.getPeerHost(), engine.getPeerPort());
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    ca.checkServerTrusted(chain, authType, socket);
    check(
        chain,
        socket.getInetAddress() == null ? null : socket.getInetAddress().getHostAddress(),
        socket.getPort());
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("an agent is trusted only on a known connection");
  }

  private void check(X509Certificate[] chain, String host, int port) throws CertificateException {
    String expected = host == null ? null : pins.get(host + ":" + port);
    if (expected == null) {
      throw new CertificateException("no agent is registered at " + host + ":" + port);
    }
    if (!expected.equals(fingerprint(chain[0]))) {
      throw new CertificateException(
          "the agent at "
              + host
              + ":"
              + port
              + " presented a certificate other than the one registered at its handshake");
    }
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    throw new CertificateException("the worker accepts no clients");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    throw new CertificateException("the worker accepts no clients");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("the worker accepts no clients");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return ca.getAcceptedIssuers();
  }
}
