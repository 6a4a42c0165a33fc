package io.stratus.console.web;

import io.stratus.cloud.spi.Refusals;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.ui.Model;

/**
 * A refused form shown again (400) rather than an error page: each reason beside its field ({@code
 * refused}, drawn by {@code layout :: refused(field)}) and everything typed kept ({@code entered}),
 * so the user corrects one field and sends again. Nothing has reached the Dispatcher.
 */
public final class FormAgain {
  private FormAgain() {}

  public static void prepare(
      Model model, HttpServletResponse response, Refusals refusals, Map<String, ?> entered) {
    response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
    model.addAttribute("refused", refusals.byField());
    model.addAttribute("entered", entered);
  }

  /**
   * A whole number typed into a form, or null when left empty; text that is not one is refused
   * under {@code field} with {@code sentence}.
   */
  public static Integer number(String text, String field, String sentence, Refusals into) {
    String t = text == null ? "" : text.strip();
    if (t.isEmpty()) {
      return null;
    }
    try {
      return Integer.valueOf(t);
    } catch (NumberFormatException e) {
      into.add(field, sentence);
      return null;
    }
  }
}
