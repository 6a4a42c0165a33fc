package io.stratus.console.people;

import io.stratus.common.identity.IdentityException;
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
 * A refused identity write ({@link IdentityException}) as the error page: 409 for a name or e-mail
 * already taken (or a role still held), 404 for another customer's id, 400 for a value that cannot
 * be used; ahead of the console's catch-all handler. Exception handlers get no model attributes, so
 * the layout's are added here.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ConflictErrors {
  private final Session session;

  public ConflictErrors(Session session) {
    this.session = session;
  }

  @ExceptionHandler(IdentityException.class)
  String refused(
      IdentityException e, Model model, HttpServletRequest request, HttpServletResponse response) {
    int status =
        e instanceof IdentityException.Conflict
            ? 409
            : e instanceof IdentityException.NotFound ? 404 : 400;
    response.setStatus(status);
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
    model.addAttribute("status", status);
    model.addAttribute(
        "title",
        switch (status) {
          case 409 -> e instanceof IdentityException.Duplicate ? "Already exists" : "In use";
          case 404 -> "Not found";
          default -> "Cannot do that";
        });
    model.addAttribute(
        "message", Character.toUpperCase(message.charAt(0)) + message.substring(1) + ".");
    return "error";
  }
}
