package io.stratus.common.km;

/** The Key Manager holds no key with this id. */
public class KeyNotFoundException extends KmException {
  private static final long serialVersionUID = 1L;

  private final long keyId;

  public KeyNotFoundException(long keyId) {
    super(404, "the Key Manager holds no key " + keyId);
    this.keyId = keyId;
  }

  public long keyId() {
    return keyId;
  }
}
