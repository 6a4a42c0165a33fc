package io.stratus.cloud.spi;

/**
 * What kind of failure a cloud reported. Only {@link #THROTTLING}, {@link #CAPACITY} and {@link
 * #COMMUNICATION} are worth retrying: the others will fail the same way again.
 */
public enum CloudErrorType {
  /** Anything the other types do not name. */
  GENERAL(false),
  /** The cloud could not be reached, or answered with a transport-level error. */
  COMMUNICATION(true),
  /** The credentials were refused. */
  AUTHENTICATION(false),
  /** Too many requests: slow down and retry. */
  THROTTLING(true),
  /** The cloud has no room for this request right now. */
  CAPACITY(true),
  /** The account's quota is used up. */
  QUOTA(false),
  /** The resource named does not exist (or no longer does). */
  NOT_FOUND(false),
  /** The request is malformed or names something invalid (a bad size, an unknown product). */
  INVALID_REQUEST(false),
  /** The resource's state does not allow the operation (stopping a terminated server). */
  INVALID_STATE(false);

  private final boolean retryable;

  CloudErrorType(boolean retryable) {
    this.retryable = retryable;
  }

  public boolean isRetryable() {
    return retryable;
  }
}
