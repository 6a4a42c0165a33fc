package io.stratus.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void shouldReadWhatItWrites() {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("text", "quote \" backslash \\ newline \n tab \t unicode é \u0001");
    value.put("n", 42L);
    value.put("big", new BigDecimal("1.5e3"));
    value.put("list", Arrays.asList(true, false, null, "x"));
    value.put("nested", Map.of("a", List.of()));
    assertEquals(value, Json.parse(Json.write(value)));
  }

  @Test
  void shouldParseNumbersAndEscapes() {
    assertEquals(-7L, Json.parse("-7"));
    assertEquals(new BigDecimal("0.25"), Json.parse(" 0.25 "));
    assertEquals("é/\n", Json.parse("\"\\u00e9\\/\\n\""));
    assertEquals(Map.of("a", List.of(1L, 2L)), Json.parse("{ \"a\" : [ 1 , 2 ] }"));
  }

  @Test
  void shouldRefuseMalformedJsonSayingWhere() {
    for (String bad :
        new String[] {
          "", "{", "{\"a\":}", "[1,]", "\"open", "tru", "{} x", "{a:1}", "\"\u0001\""
        }) {
      assertThrows(IllegalArgumentException.class, () -> Json.parse(bad), bad);
    }
    assertThrows(
        IllegalArgumentException.class, () -> Json.parse("[".repeat(100) + "]".repeat(100)));
    assertThrows(IllegalArgumentException.class, () -> Json.parseObject("[]"));
  }

  @Test
  void shouldWriteNonFiniteNumbersAsNull() {
    assertEquals("[null,1.5]", Json.write(List.of(Double.NaN, 1.5)));
  }
}
