package io.stratus.dispatcher.account;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stratus.cloud.spi.ConfigField;
import io.stratus.cloud.spi.FieldType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SubscriptionKeysTest {
  private static final List<ConfigField> FIELDS =
      List.of(
          ConfigField.endpoint("where the cloud answers"),
          new ConfigField("accessKey", FieldType.TEXT, true, "the key id"),
          new ConfigField("secretKey", FieldType.SECRET, true, "the secret"));

  @Test
  void shouldPutEnStratusKeyNamesOnTheDriversOwnFields() {
    assertEquals(
        Map.of("accessKey", "AK", "secretKey", "SK"),
        SubscriptionKeys.onDriverFields(FIELDS, Map.of("apiKeyId", "AK", "apiKeySecret", "SK")));
  }

  @Test
  void shouldKeepTheDriversOwnNamesWhenBothAreGiven() {
    Map<String, String> given = Map.of("accessKey", "AK", "apiKeyId", "other");
    assertEquals(given, SubscriptionKeys.onDriverFields(FIELDS, given));
  }

  @Test
  void shouldLeaveAFieldOfThatVeryNameAlone() {
    List<ConfigField> own = List.of(new ConfigField("apiKeyId", FieldType.TEXT, true, "own"));
    assertEquals(
        Map.of("apiKeyId", "X"), SubscriptionKeys.onDriverFields(own, Map.of("apiKeyId", "X")));
  }
}
