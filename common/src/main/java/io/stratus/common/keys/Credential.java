package io.stratus.common.keys;

import java.util.Map;
import java.util.TreeMap;

/**
 * A cloud credential as a driver declares it: its non-secret fields (an account number, an access
 * key id, an endpoint) and its secret fields (a secret key, a password). Both are encrypted before
 * they leave this process. {@link #toString()} never shows a secret value.
 */
public record Credential(Map<String, String> publicFields, Map<String, String> secretFields) {
  public Credential {
    publicFields = Map.copyOf(publicFields);
    secretFields = Map.copyOf(secretFields);
    if (secretFields.isEmpty()) {
      throw new IllegalArgumentException("a credential needs at least one secret field");
    }
  }

  /** A credential with secret fields only. */
  public static Credential secret(Map<String, String> secretFields) {
    return new Credential(Map.of(), secretFields);
  }

  @Override
  public String toString() {
    Map<String, String> masked = new TreeMap<>();
    secretFields.keySet().forEach(k -> masked.put(k, "******"));
    return "Credential[publicFields="
        + new TreeMap<>(publicFields)
        + ", secretFields="
        + masked
        + "]";
  }
}
