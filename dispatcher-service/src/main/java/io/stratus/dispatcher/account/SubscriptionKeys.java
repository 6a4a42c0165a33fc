package io.stratus.dispatcher.account;

import io.stratus.cloud.spi.ConfigField;
import io.stratus.cloud.spi.FieldType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * enStratus' {@code cloudSubscription} names a cloud's credentials {@code apiKeyId} and {@code
 * apiKeySecret} whatever the cloud calls them. They land on the driver's own fields: the key id on
 * its first customer-provided text field, the secret on its first secret field. A driver with a
 * field of that very name keeps its meaning.
 */
final class SubscriptionKeys {
  static final String KEY_ID = "apiKeyId";
  static final String KEY_SECRET = "apiKeySecret";

  private SubscriptionKeys() {}

  /** The given values with {@code apiKeyId}/{@code apiKeySecret} renamed to the driver's fields. */
  static Map<String, String> onDriverFields(List<ConfigField> fields, Map<String, String> given) {
    if (given == null) {
      return null;
    }
    Map<String, String> values = new LinkedHashMap<>(given);
    rename(values, fields, KEY_ID, FieldType.TEXT);
    rename(values, fields, KEY_SECRET, FieldType.SECRET);
    return values;
  }

  private static void rename(
      Map<String, String> values, List<ConfigField> fields, String enStratusName, FieldType type) {
    if (!values.containsKey(enStratusName)
        || fields.stream().anyMatch(f -> f.name().equals(enStratusName))) {
      return;
    }
    fields.stream()
        .filter(f -> f.type() == type && !f.operatorProvided())
        .findFirst()
        .filter(f -> !values.containsKey(f.name()))
        .ifPresent(f -> values.put(f.name(), values.remove(enStratusName)));
  }
}
