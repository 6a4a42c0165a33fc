package io.stratus.console.web;

import io.stratus.common.access.AccessRefused;
import io.stratus.web.dispatch.DispatcherRefused;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Every failure as a page with its status and a sentence saying what happened: a refused right is
 * 403, someone else's id 404, a refusal of the Dispatcher its own status and message. Only the
 * unexpected is a 500, logged here with its cause and shown without it.
 */
@ControllerAdvice
public class ConsoleErrors {
  private static final Logger log = LoggerFactory.getLogger(ConsoleErrors.class);

  private static final Words WORDS = new Words();

  private final ConsoleModel layout;

  public ConsoleErrors(ConsoleModel layout) {
    this.layout = layout;
  }

  @ExceptionHandler(AccessRefused.class)
  String refused(AccessRefused e, Model model, HttpServletResponse response) {
    return page(403, "Not allowed", capitalised(e.getMessage()) + ".", model, response);
  }

  @ExceptionHandler(NotFound.class)
  String notFound(NotFound e, Model model, HttpServletResponse response) {
    return page(404, "Not found", capitalised(e.getMessage()) + ".", model, response);
  }

  @ExceptionHandler(BadInput.class)
  String badInput(BadInput e, Model model, HttpServletResponse response) {
    return page(400, "Cannot do that", capitalised(e.getMessage()) + ".", model, response);
  }

  @ExceptionHandler(DispatcherRefused.class)
  String dispatcher(DispatcherRefused e, Model model, HttpServletResponse response) {
    String title = e.status() == 503 ? "Try again" : "Refused";
    return page(e.status(), title, capitalised(e.getMessage()) + ".", model, response);
  }

  @ExceptionHandler({
    MethodArgumentTypeMismatchException.class,
    MissingServletRequestParameterException.class
  })
  String badRequest(Exception e, Model model, HttpServletResponse response) {
    String what =
        e instanceof MethodArgumentTypeMismatchException m
            ? m.getName()
            : ((MissingServletRequestParameterException) e).getParameterName();
    return page(
        400, "Bad request", WORDS.field(what) + " is missing or not valid.", model, response);
  }

  /** A visit (GET) to an address that only takes a form, or any other method it does not take. */
  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  String method(
      HttpRequestMethodNotSupportedException e, Model model, HttpServletResponse response) {
    if (e.getSupportedHttpMethods() != null) {
      response.setHeader(
          "Allow",
          String.join(", ", e.getSupportedHttpMethods().stream().map(Object::toString).toList()));
    }
    String message =
        "GET".equals(e.getMethod())
            ? "This address takes a form sent from its page, not a visit: go back to the page"
                + " and use its button."
            : "This address does not take " + e.getMethod() + " requests.";
    return page(405, "Not a page to visit", message, model, response);
  }

  @ExceptionHandler(DataAccessException.class)
  String database(DataAccessException e, Model model, HttpServletResponse response) {
    log.warn("Database unavailable: {}", e.getMessage());
    return page(
        503, "Try again", "The database is unavailable; try again shortly.", model, response);
  }

  @ExceptionHandler(Exception.class)
  String unexpected(Exception e, Model model, HttpServletResponse response) {
    if (e instanceof ErrorResponse error) {
      int status = error.getStatusCode().value();
      String title = status == 404 ? "Not found" : "Bad request";
      return page(status, title, "This page or action does not exist here.", model, response);
    }
    log.error("Unexpected failure", e);
    return page(
        500,
        "Something went wrong",
        "The console failed unexpectedly; it is logged.",
        model,
        response);
  }

  private String page(
      int status, String title, String message, Model model, HttpServletResponse response) {
    response.setStatus(status);
    var attributes =
        (org.springframework.web.context.request.ServletRequestAttributes)
            org.springframework.web.context.request.RequestContextHolder.getRequestAttributes();
    if (attributes != null) {
      try {
        layout.populate(model, attributes.getRequest());
      } catch (RuntimeException e) {
        // the page still says what happened, without the navigation
      }
    }
    model.addAttribute("status", status);
    model.addAttribute("title", title);
    model.addAttribute("message", message);
    return "error";
  }

  private static String capitalised(String message) {
    return message == null || message.isEmpty()
        ? "Refused"
        : Character.toUpperCase(message.charAt(0)) + message.substring(1);
  }
}
