package io.stratus.security.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretFormsTest {
  private static final String SECRET = "Pw+1234/&%=x";

  @Test
  void shouldFindTheSecretsBase64FormInsideALongerValueAtEveryAlignment() {
    Map<String, String> forms = SecretForms.of(SECRET);
    for (int before = 0; before < 6; before++) {
      byte[] value = ("x".repeat(before) + SECRET + "tail").getBytes(StandardCharsets.UTF_8);
      String standard = Base64.getEncoder().encodeToString(value);
      String urlSafe = Base64.getUrlEncoder().encodeToString(value);
      SecretScan scan = new SecretScan(Map.of("s", SECRET));
      String alignment = "@" + before % 3 + ")";
      assertTrue(scan.in("v", standard).toString().contains(alignment), before + " " + standard);
      assertTrue(scan.in("v", urlSafe).toString().contains(alignment), before + " " + urlSafe);
    }
    assertTrue(forms.get("Base64@0").length() >= 12);
  }

  @Test
  void shouldGiveEachEncodingOnceAndTheOthersAsTheirBytes() {
    Map<String, String> forms = SecretForms.of(SECRET);
    assertEquals(SECRET, forms.get("UTF-8"));
    assertEquals("Pw%2B1234%2F%26%25%3Dx", forms.get("URL-encoded"));
    assertEquals("50772b313233342f26253d78", forms.get("hex"));
    assertEquals(forms.get("hex").toUpperCase(), forms.get("HEX"));
    assertEquals('P', forms.get("UTF-16LE").charAt(0));
    assertEquals(0, forms.get("UTF-16LE").charAt(1));
    Map<String, String> plain = SecretForms.of("plainsecret123");
    assertTrue(!plain.containsKey("URL-encoded"), "the same bytes as UTF-8 are listed once");
  }
}
