package io.stratus.cloud.openstack.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * How an account proves itself to Keystone v3: a password scoped to a project, or an application
 * credential (which carries its own project). {@link #toString()} never shows a secret.
 */
public sealed interface KeystoneCredentials {
  /** The body of {@code POST /v3/auth/tokens}. */
  Map<String, Object> authRequest();

  /** A one-way digest of the credentials, to key a token cache without keeping the secret. */
  String fingerprint();

  /** A password, for a user and a project, each named in its domain. */
  record Password(
      String userName, String userDomain, String projectName, String projectDomain, String secret)
      implements KeystoneCredentials {
    @Override
    public Map<String, Object> authRequest() {
      Map<String, Object> user =
          Map.of("name", userName, "domain", Map.of("name", userDomain), "password", secret);
      Map<String, Object> identity =
          Map.of("methods", List.of("password"), "password", Map.of("user", user));
      Map<String, Object> scope =
          Map.of("project", Map.of("name", projectName, "domain", Map.of("name", projectDomain)));
      return Map.of("auth", Map.of("identity", identity, "scope", scope));
    }

    @Override
    public String fingerprint() {
      return digest("password", userName, userDomain, projectName, projectDomain, secret);
    }

    @Override
    public String toString() {
      return "Password[user=" + userName + "@" + userDomain + ", project=" + projectName + "]";
    }
  }

  /** An application credential: its id and secret; the project is the credential's own. */
  record ApplicationCredential(String id, String secret) implements KeystoneCredentials {
    @Override
    public Map<String, Object> authRequest() {
      Map<String, Object> identity =
          Map.of(
              "methods",
              List.of("application_credential"),
              "application_credential",
              Map.of("id", id, "secret", secret));
      return Map.of("auth", Map.of("identity", identity));
    }

    @Override
    public String fingerprint() {
      return digest("application_credential", id, secret);
    }

    @Override
    public String toString() {
      return "ApplicationCredential[id=" + id + "]";
    }
  }

  private static String digest(String... parts) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String part : parts) {
        sha.update(part.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
