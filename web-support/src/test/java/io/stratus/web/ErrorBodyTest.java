package io.stratus.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorBodyTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Quotes, backslashes, every control character, markup, non-ASCII and a surrogate pair. */
  private static final List<String> AWKWARD =
      List.of(
          "",
          "plain",
          "say \"no\"",
          "C:\\path\\file",
          controlCharacters(),
          "</script><b>&amp;</b>",
          "caf\u00e9 \u2028 \u2029 \u00a0",
          "emoji \ud83d\ude00 end",
          "{\"error\":\"nested\"}");

  @Test
  void shouldWriteTheEnStratusShape() {
    assertEquals("{\"error\":{\"message\":\"no such path\"}}", ErrorBody.json("no such path"));
  }

  @Test
  void shouldPutTheCodeInsideTheError() {
    assertEquals(
        "{\"error\":{\"message\":\"no image\",\"code\":\"NotFound\"}}",
        ErrorBody.json("no image", "NotFound"));
  }

  @Test
  void shouldWriteANullMessageAsEmpty() {
    assertEquals("{\"error\":{\"message\":\"\"}}", ErrorBody.json(null));
  }

  @Test
  void shouldWriteTheSameBytesAsJacksonForAwkwardMessages() throws Exception {
    for (String message : AWKWARD) {
      byte[] jackson = JSON.writeValueAsBytes(Map.of("error", Map.of("message", message)));
      assertArrayEquals(jackson, ErrorBody.bytes(message), message);
    }
  }

  @Test
  void shouldReadBackEveryMessageAndCodeUnchanged() throws Exception {
    for (String message : AWKWARD) {
      JsonNode body = JSON.readTree(ErrorBody.bytes(message, message + "-code"));
      assertEquals(message, body.path("error").path("message").asText(), message);
      assertEquals(message + "-code", body.path("error").path("code").asText(), message);
      assertEquals(1, body.size());
    }
  }

  @Test
  void shouldMatchJacksonWithACode() throws Exception {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("message", "bad \"id\"\n");
    error.put("code", "Invalid\tRequest");
    assertEquals(
        new String(JSON.writeValueAsBytes(Map.of("error", error)), StandardCharsets.UTF_8),
        ErrorBody.json("bad \"id\"\n", "Invalid\tRequest"));
  }

  private static String controlCharacters() {
    StringBuilder all = new StringBuilder();
    for (char c = 0; c < 0x20; c++) {
      all.append(c);
    }
    return all.append('\u007f').toString();
  }
}
