package io.stratus.cloud.spi;

import java.util.Objects;

/**
 * One credential or endpoint field a driver needs, so the console can draw its form and the
 * Dispatcher can validate what it is given.
 */
public record ConfigField(String name, FieldType type, boolean required, String description) {
  public ConfigField {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(description, "description");
  }

  public boolean isSecret() {
    return type != FieldType.TEXT;
  }
}
