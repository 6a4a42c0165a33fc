package io.stratus.console.signin;

import io.stratus.console.ConsoleSettings;
import io.stratus.console.web.Session;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The sign-in page (Spring Security takes the form's POST), and the page of a refused form. */
@Controller
public class SignInController {
  private final String failed;

  public SignInController(ConsoleSettings settings) {
    long minutes = Math.max(1, settings.lockout().toMinutes());
    // One sentence for a wrong password, an unknown address and a paused account alike.
    this.failed =
        "Wrong e-mail address or password. After "
            + settings.maxFailures()
            + " wrong passwords in a row an account's sign-in pauses for "
            + minutes
            + (minutes == 1 ? " minute" : " minutes")
            + " or more; then even the right password is refused until the pause ends.";
  }

  @GetMapping("/signin")
  String signIn(
      @RequestParam(name = "error", required = false) String error,
      HttpServletRequest request,
      Model model) {
    if (Session.user() != null) {
      return "redirect:/";
    }
    if (error != null) {
      model.addAttribute(
          "problem",
          switch (error) {
            case SignInFailure.DISABLED -> "This account is disabled; ask your administrator.";
            case SignInFailure.UNAVAILABLE -> "The database is unavailable; try again shortly.";
            default -> failed;
          });
    } else if (request.getParameter("expired") != null) {
      model.addAttribute("notice", "Your session ended; sign in again.");
    } else if (request.getParameter("signedout") != null) {
      model.addAttribute("notice", "You are signed out.");
    }
    return "signin";
  }

  /** Where Spring Security forwards a refused request (a form without its CSRF token). */
  @RequestMapping("/refused")
  String refused(HttpServletRequest request, HttpServletResponse response, Model model) {
    response.setStatus(403);
    model.addAttribute("status", 403);
    model.addAttribute("title", "Refused");
    Object refusal = request.getAttribute("refusal");
    model.addAttribute("message", refusal != null ? refusal : "You may not do this.");
    return "error";
  }
}
