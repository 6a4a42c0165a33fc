package io.stratus.km.key;

/** A request the KM will not store: 400, or 413 when a part is too large. */
public final class InvalidKeyRequestException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final boolean tooLarge;

  private InvalidKeyRequestException(String message, boolean tooLarge) {
    super(message);
    this.tooLarge = tooLarge;
  }

  public static InvalidKeyRequestException malformed(String message) {
    return new InvalidKeyRequestException(message, false);
  }

  public static InvalidKeyRequestException tooLarge(String message) {
    return new InvalidKeyRequestException(message, true);
  }

  public boolean tooLarge() {
    return tooLarge;
  }
}
