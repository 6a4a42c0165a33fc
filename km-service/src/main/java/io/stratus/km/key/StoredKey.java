package io.stratus.km.key;

/** One row of the {@code key} table, as the KM answers a fetch. */
public record StoredKey(long keyId, String version, String publicPart, String privatePart) {
  @Override
  public String toString() {
    return "StoredKey[keyId=" + keyId + ", version=" + version + ", parts not shown]";
  }
}
