package io.stratus.web;

import java.io.IOException;

/** A request body went past the service's limit while it was read. */
public final class BodyTooLargeException extends IOException {
  private static final long serialVersionUID = 1L;

  public BodyTooLargeException(long limit) {
    super("the request body is larger than " + limit + " bytes");
  }
}
