package io.stratus.cloud.spi;

/**
 * What a cloud said went wrong, in one taxonomy for every driver. Each driver maps its cloud's
 * errors to a {@link CloudErrorType} in one place and keeps the original cause chained. The message
 * is always the {@link CloudMessages#summary} of what it was given: one bounded, printable line,
 * whatever the cloud answered.
 */
public class CloudException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final CloudErrorType type;
  private final int httpCode;
  private final String providerCode;

  public CloudException(
      CloudErrorType type, int httpCode, String providerCode, String message, Throwable cause) {
    super(CloudMessages.summary(message), cause);
    this.type = type;
    this.httpCode = httpCode;
    this.providerCode = providerCode;
  }

  public CloudException(CloudErrorType type, String message) {
    this(type, 0, null, message, null);
  }

  public CloudErrorType type() {
    return type;
  }

  /** The HTTP status the cloud answered with, or 0 when there was none. */
  public int httpCode() {
    return httpCode;
  }

  /** The cloud's own error code, or null. */
  public String providerCode() {
    return providerCode;
  }

  /** True only for throttling, capacity and communication errors. */
  public boolean isRetryable() {
    return type.isRetryable();
  }
}
