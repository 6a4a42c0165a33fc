package io.stratus.common.pki;

/** The PKI could not create, read or use a key or certificate; the message says which file. */
public class PkiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PkiException(String message, Throwable cause) {
    super(message, cause);
  }

  public PkiException(String message) {
    super(message);
  }
}
