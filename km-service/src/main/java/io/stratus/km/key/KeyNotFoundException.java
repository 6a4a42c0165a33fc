package io.stratus.km.key;

/** No key with this id: 404. */
public final class KeyNotFoundException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public KeyNotFoundException(long keyId) {
    super("no key " + keyId);
  }
}
