package io.stratus.web;

import java.io.IOException;
import java.io.Writer;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

/**
 * Tomcat's own error answers (a request refused before any application code runs: an encoded slash
 * in the path, a malformed URI or header, an error no controller caught) as an {@link ErrorBody}
 * instead of Tomcat's HTML page. Never a stack trace, a server version, or Tomcat's message (which
 * may quote the request): a fixed sentence per status.
 */
public final class JsonErrorReportValve extends ErrorReportValve {
  private static final Map<Integer, String> MESSAGES =
      Map.of(
          400, "the request is malformed (an encoded '/' or '\\' in the path is not accepted)",
          401, "authentication is required",
          403, "forbidden",
          404, "no such endpoint",
          405, "the method is not allowed here",
          408, "the request took too long to arrive",
          413, "the request is too large",
          414, "the request's URI is too long",
          431, "the request's headers are too large",
          503, "the service is unavailable; try again");

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    AtomicBoolean ioAllowed = new AtomicBoolean(false);
    response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
    if (!ioAllowed.get()) {
      return;
    }
    try {
      SecurityHeadersFilter.apply(request, response);
      response.setContentType(ErrorBody.CONTENT_TYPE);
      response.setCharacterEncoding("UTF-8");
      Writer writer = response.getReporter();
      if (writer != null) {
        writer.write(ErrorBody.json(message(status)));
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // the client has gone, or the response cannot take a body: nothing more to say
    }
  }

  static String message(int status) {
    String known = MESSAGES.get(status);
    if (known != null) {
      return known;
    }
    return status >= 500 ? "internal error" : "the request was refused (HTTP " + status + ")";
  }
}
