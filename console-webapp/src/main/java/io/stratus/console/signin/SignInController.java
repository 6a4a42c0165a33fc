package io.stratus.console.signin;

import io.stratus.console.web.Session;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/** The sign-in page (Spring Security takes the form's POST), and the page of a refused form. */
@Controller
public class SignInController {

  @GetMapping("/signin")
  String signIn(HttpServletRequest request, Model model) {
    if (Session.user() != null) {
      return "redirect:/";
    }
    HttpSession session = request.getSession(false);
    if (request.getParameter("error") != null
        && session != null
        && session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION)
            instanceof AuthenticationException e) {
      String message = e.getMessage();
      model.addAttribute(
          "problem", Character.toUpperCase(message.charAt(0)) + message.substring(1) + ".");
      session.removeAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
    } else if (request.getParameter("error") != null) {
      model.addAttribute("problem", "Sign-in failed; try again.");
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
