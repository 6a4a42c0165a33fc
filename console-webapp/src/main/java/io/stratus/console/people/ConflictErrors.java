package io.stratus.console.people;

import io.stratus.console.web.Session;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * {@link Conflict}: the error page with 409, ahead of the console's catch-all handler. Exception
 * handlers get no model attributes, so the layout's are added here.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ConflictErrors {
  private final Session session;

  public ConflictErrors(Session session) {
    this.session = session;
  }

  @ExceptionHandler(Conflict.class)
  String conflict(
      Conflict e, Model model, HttpServletRequest request, HttpServletResponse response) {
    response.setStatus(409);
    try {
      model.addAttribute("me", Session.user());
      model.addAttribute("can", session.access(request));
      if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
        model.addAttribute(
            "csrfHeaders", "{\"" + token.getHeaderName() + "\": \"" + token.getToken() + "\"}");
      }
    } catch (RuntimeException ignored) {
      // the page still says what happened, without the navigation
    }
    String message = e.getMessage();
    model.addAttribute("status", 409);
    model.addAttribute("title", "Already exists");
    model.addAttribute(
        "message", Character.toUpperCase(message.charAt(0)) + message.substring(1) + ".");
    return "error";
  }
}
