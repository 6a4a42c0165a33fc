package io.stratus.cloud.openstack.identity;

import io.stratus.cloud.openstack.http.OpenStackHttp;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link KeystoneSession} per Keystone and credentials in the process, so workers, which
 * connect a provider for every task, reuse a token instead of authenticating each time. Keyed by a
 * digest of the credentials, never by the secret itself.
 */
public final class KeystoneSessions {
  private static final Map<String, KeystoneSession> SESSIONS = new ConcurrentHashMap<>();

  private KeystoneSessions() {}

  public static KeystoneSession of(
      URI identity, KeystoneCredentials credentials, long renewMargin) {
    String key = identity + "|" + renewMargin + "|" + credentials.fingerprint();
    return SESSIONS.computeIfAbsent(
        key,
        k ->
            new KeystoneSession(
                identity, credentials, new OpenStackHttp(), Clock.systemUTC(), renewMargin));
  }
}
