package io.stratus.common.keys;

/**
 * A customer's keyset, or the installation's key-encryption key, is missing or cannot be used. The
 * message names the customer or the file, never key material.
 */
public class CustomerKeyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CustomerKeyException(String message) {
    super(message);
  }

  public CustomerKeyException(String message, Throwable cause) {
    super(message, cause);
  }
}
