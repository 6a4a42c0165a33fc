package io.stratus.console.time;

import io.stratus.common.access.Access;
import io.stratus.common.identity.IdentityAudit.Actor;
import io.stratus.console.people.IdentityAudit;
import io.stratus.console.signin.ConsoleUser;
import io.stratus.console.web.BadInput;
import jakarta.servlet.http.HttpServletRequest;
import java.time.ZoneId;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The signed-in user's time zone ({@code /me/time-zone}, linked from every page's header): follow
 * the browser (the default) or one chosen from the list, kept per user in {@code
 * user_account.time_zone} and audited.
 */
@Controller
public class TimeZoneController {
  /** Region-based zone names (Europe/Paris) and UTC, sorted: what the form offers. */
  static final List<String> ZONES =
      ZoneId.getAvailableZoneIds().stream()
          .filter(
              z ->
                  z.equals("UTC")
                      || (z.contains("/") && !z.startsWith("Etc/") && !z.startsWith("SystemV/")))
          .sorted()
          .toList();

  private final UserZone zones;
  private final IdentityAudit identity;

  public TimeZoneController(UserZone zones, IdentityAudit identity) {
    this.zones = zones;
    this.identity = identity;
  }

  @GetMapping("/me/time-zone")
  String form(ConsoleUser me, HttpServletRequest request, Model model) {
    model.addAttribute("zones", ZONES);
    model.addAttribute("chosen", zones.chosen(me).map(ZoneId::getId).orElse(""));
    model.addAttribute("browser", UserZone.browsers(request).map(ZoneId::getId).orElse(null));
    return "time-zone";
  }

  @PostMapping("/me/time-zone")
  String choose(
      Access access,
      ConsoleUser me,
      HttpServletRequest request,
      @RequestParam(defaultValue = "") String zone,
      RedirectAttributes flash) {
    String name = zone.strip();
    if (!name.isEmpty() && !ZONES.contains(name)) {
      throw new BadInput("the time zone must be one of the list, such as Europe/Paris");
    }
    Actor actor = IdentityAudit.actor(access, me, request);
    identity.write(
        actor,
        "user.time_zone",
        "user",
        me.userId(),
        name.isEmpty() ? "follow the browser" : name,
        () ->
            identity.update(
                "UPDATE user_account SET time_zone = ? WHERE id = ? AND customer_id = ?",
                name.isEmpty() ? null : name,
                me.userId(),
                me.customerId()));
    flash.addFlashAttribute(
        "flash",
        name.isEmpty()
            ? "Times are now shown in your browser's time zone."
            : "Times are now shown in " + name + ".");
    return "redirect:/me/time-zone";
  }
}
