package io.stratus.console.signin;

import io.stratus.common.access.Access;
import io.stratus.common.identity.IdentityAudit.Actor;
import io.stratus.common.identity.IdentityException;
import io.stratus.console.people.IdentityAudit;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A user changes its own password (the first one {@code stratus-admin} printed, say): the current
 * password, then the new one twice. Every other session of the user ends; this one stays. A user
 * who must choose its own password ({@link PasswordChangeFirst}) is told why, and once it has, goes
 * on to the dashboard.
 */
@Controller
public class PasswordController {
  private final IdentityAudit identity;
  private final SignedInSessions sessions;

  public PasswordController(IdentityAudit identity, SignedInSessions sessions) {
    this.identity = identity;
    this.sessions = sessions;
  }

  @GetMapping("/me/password")
  String form(HttpServletRequest request, Model model) {
    model.addAttribute("forced", PasswordChangeFirst.required(request));
    return "password";
  }

  @PostMapping("/me/password")
  String change(
      Access access,
      ConsoleUser me,
      HttpServletRequest request,
      @RequestParam(defaultValue = "") String current,
      @RequestParam(defaultValue = "") String chosen,
      @RequestParam(defaultValue = "") String repeated,
      Model model,
      RedirectAttributes flash) {
    Actor actor = IdentityAudit.actor(access, me, request);
    try {
      if (!chosen.equals(repeated)) {
        throw new IdentityException.Invalid("the new password and its repetition differ");
      }
      identity.people().changeOwnPassword(actor, current, chosen);
    } catch (IdentityException.Invalid e) {
      model.addAttribute(
          "problem",
          Character.toUpperCase(e.getMessage().charAt(0)) + e.getMessage().substring(1) + ".");
      model.addAttribute("forced", PasswordChangeFirst.required(request));
      return "password";
    }
    boolean forced = PasswordChangeFirst.required(request);
    request.getSession().removeAttribute(PasswordChangeFirst.REQUIRED);
    int ended = sessions.endAll(me.userId(), request.getSession().getId());
    flash.addFlashAttribute(
        "flash",
        "Your password is changed"
            + (ended == 0
                ? "."
                : "; your "
                    + ended
                    + " other session"
                    + (ended == 1 ? " was" : "s were")
                    + " signed out."));
    return forced ? "redirect:/" : "redirect:/me/password";
  }
}
