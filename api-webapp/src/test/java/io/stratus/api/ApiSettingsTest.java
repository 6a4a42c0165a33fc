package io.stratus.api;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratus.common.config.Config;
import io.stratus.common.config.ConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiSettingsTest {
  private static final Map<String, String> GOOD =
      Map.of(
          "tls.keystore", "/nowhere/api.p12",
          "tls.truststore", "/nowhere/truststore.p12",
          "dispatcher.url", "https://127.0.0.1:3302",
          "db.url", "jdbc:mysql://127.0.0.1:3306/stratus");

  private static String failure(Map<String, String> overrides) {
    Map<String, String> values = new java.util.HashMap<>(GOOD);
    values.putAll(overrides);
    return assertThrows(
            ConfigException.class, () -> ApiSettings.from(Config.of("api", values, Map.of())))
        .getMessage();
  }

  @Test
  void shouldNameTheKeyThatIsWrong() {
    String plain = failure(Map.of("dispatcher.url", "http://dispatcher:3302"));
    assertTrue(plain.contains("dispatcher.url"), plain);
    String page = failure(Map.of("api.page-size", "5"));
    assertTrue(page.contains("api.page-size"), page);
    String skew = failure(Map.of("api.clock-skew", "2h"));
    assertTrue(skew.contains("api.clock-skew"), skew);
  }
}
