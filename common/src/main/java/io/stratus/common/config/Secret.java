package io.stratus.common.config;

import java.util.Objects;

/**
 * A secret configuration value (a password, a key). Its {@link #toString()} never shows the value,
 * so it can travel through settings objects, log lines and exception messages without leaking.
 */
public final class Secret {
  private final String value;

  private Secret(String value) {
    this.value = Objects.requireNonNull(value, "value");
  }

  public static Secret of(String value) {
    return new Secret(value);
  }

  /** The clear value; call only where it is handed to the library that needs it. */
  public String reveal() {
    return value;
  }

  public boolean isEmpty() {
    return value.isEmpty();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Secret s && s.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return "******";
  }
}
