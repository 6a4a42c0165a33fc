package io.stratus.cloud.spi;

/**
 * The driver does not implement this operation for this cloud. Callers should have asked the
 * support's capabilities first.
 */
public class OperationNotSupportedException extends CloudException {
  private static final long serialVersionUID = 1L;

  public OperationNotSupportedException(String operation) {
    super(CloudErrorType.GENERAL, 0, null, operation + " is not supported by this cloud", null);
  }
}
