package io.stratus.cloud.spi;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a driver is connected with: the values of its declared {@link ConfigField}s (endpoint,
 * credentials) and the region it works in (null for account-wide calls such as listing regions).
 * {@link #toString()} never shows a secret.
 */
public final class ProviderContext {
  private final Map<String, String> values;
  private final List<ConfigField> fields;
  private final String regionId;

  public ProviderContext(List<ConfigField> fields, Map<String, String> values, String regionId) {
    this.fields = List.copyOf(fields);
    this.values = Map.copyOf(values);
    this.regionId = regionId;
  }

  /** Checks every required field is present and no unknown one is given. */
  public static ProviderContext validated(
      List<ConfigField> fields, Map<String, String> values, String regionId) {
    for (ConfigField field : fields) {
      String value = values.get(field.name());
      if (field.required() && (value == null || value.isBlank())) {
        throw new CloudException(
            CloudErrorType.INVALID_REQUEST, "the field " + field.named() + " is required");
      }
    }
    for (String name : values.keySet()) {
      if (fields.stream().noneMatch(f -> f.name().equals(name))) {
        throw new CloudException(
            CloudErrorType.INVALID_REQUEST, "this cloud has no field named '" + name + "'");
      }
    }
    return new ProviderContext(fields, values, regionId);
  }

  /** The same credentials, working in another region. */
  public ProviderContext inRegion(String region) {
    return new ProviderContext(fields, values, region);
  }

  public String value(String name) {
    return values.get(name);
  }

  public String require(String name) {
    String value = values.get(name);
    if (value == null || value.isBlank()) {
      throw new InternalException("provider context has no value for '" + name + "'");
    }
    return value;
  }

  /** The region this context works in, or null. */
  public String regionId() {
    return regionId;
  }

  public String requireRegion() {
    return Objects.requireNonNull(regionId, "this operation needs a region");
  }

  @Override
  public String toString() {
    Map<String, String> shown = new TreeMap<>();
    for (Map.Entry<String, String> e : values.entrySet()) {
      boolean secret = fields.stream().anyMatch(f -> f.name().equals(e.getKey()) && f.isSecret());
      shown.put(e.getKey(), secret ? "******" : e.getValue());
    }
    return "ProviderContext{region="
        + regionId
        + ", "
        + shown.entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(", "))
        + "}";
  }
}
