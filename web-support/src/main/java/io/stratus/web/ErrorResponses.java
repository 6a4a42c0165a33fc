package io.stratus.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Sends an {@link ErrorBody} where no controller is: from a filter or the container. */
public final class ErrorResponses {
  private ErrorResponses() {}

  public static void write(HttpServletResponse response, int status, String message)
      throws IOException {
    byte[] body = ErrorBody.bytes(message);
    response.setStatus(status);
    response.setContentType(ErrorBody.CONTENT_TYPE);
    response.setCharacterEncoding("UTF-8");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}
