package io.stratus.web;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The one error body every Stratus service answers, the enStratus API's own: {@code
 * {"error":{"message":"..."}}}, with an optional machine-readable {@code "code"} beside the message
 * where a service has one (the local cloud's). The API, Key Manager, Dispatcher, guest agent and
 * local cloud all write their errors through this class.
 *
 * <p>Strings are escaped by Jackson's own encoder, so the UTF-8 bytes are those Jackson writes for
 * the same map; only jackson-core is needed, which keeps the guest agent free of data binding. The
 * message is shown to the caller as it is: never pass an unexpected exception's message.
 */
public final class ErrorBody {
  /** The content type of an error body. */
  public static final String CONTENT_TYPE = "application/json";

  private static final String HEX = "0123456789ABCDEF";

  private ErrorBody() {}

  /** {@code {"error":{"message":"..."}}}; a null message is written as an empty one. */
  public static String json(String message) {
    return json(message, null);
  }

  /** As {@link #json(String)}, with {@code "code"} after the message when {@code code} is given. */
  public static String json(String message, String code) {
    StringBuilder body = new StringBuilder(40 + (message == null ? 0 : message.length()));
    body.append("{\"error\":{\"message\":");
    quote(body, message);
    if (code != null) {
      body.append(",\"code\":");
      quote(body, code);
    }
    return body.append("}}").toString();
  }

  /** {@link #json(String)} in UTF-8. */
  public static byte[] bytes(String message) {
    return json(message).getBytes(StandardCharsets.UTF_8);
  }

  /** {@link #json(String, String)} in UTF-8. */
  public static byte[] bytes(String message, String code) {
    return json(message, code).getBytes(StandardCharsets.UTF_8);
  }

  private static void quote(StringBuilder body, String text) {
    body.append('"');
    for (char c : JsonStringEncoder.getInstance().quoteAsString(text == null ? "" : text)) {
      if (Character.isSurrogate(c)) {
        // As Jackson's UTF-8 writer (the one Spring's converter uses) writes characters past
        // U+FFFF: their surrogate pair, each escaped.
        body.append("\\u").append(HEX.charAt(c >> 12)).append(HEX.charAt((c >> 8) & 0xF));
        body.append(HEX.charAt((c >> 4) & 0xF)).append(HEX.charAt(c & 0xF));
      } else {
        body.append(c);
      }
    }
    body.append('"');
  }
}
