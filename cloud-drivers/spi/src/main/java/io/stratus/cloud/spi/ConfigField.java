package io.stratus.cloud.spi;

import java.util.Objects;

/**
 * One credential or endpoint field a driver needs, so the console can draw its form and the
 * Dispatcher can validate what it is given.
 *
 * @param operatorProvided the operator decides this field's value (a cloud's endpoint: the
 *     catalogue's cloud row, or an entry of the operator's {@link EndpointAllowList}); a customer's
 *     value is refused unless the operator allows it, and the field is never required of customers
 * @param label the field's name as a person reads it on a form ("Access key", not {@code
 *     accessKey}), or null for a driver that declares none (the console then makes words of the
 *     name)
 */
public record ConfigField(
    String name,
    FieldType type,
    boolean required,
    String description,
    boolean operatorProvided,
    String label) {
  public ConfigField {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(description, "description");
  }

  /** A field without a declared label. */
  public ConfigField(
      String name, FieldType type, boolean required, String description, boolean operatorProvided) {
    this(name, type, required, description, operatorProvided, null);
  }

  /** A field the customer provides, without a declared label. */
  public ConfigField(String name, FieldType type, boolean required, String description) {
    this(name, type, required, description, false);
  }

  /** A field the customer provides, labelled for forms. */
  public static ConfigField labelled(
      String name, String label, FieldType type, boolean required, String description) {
    return new ConfigField(name, type, required, description, false, label);
  }

  /** The cloud's endpoint, which the operator provides ({@link EndpointAllowList}). */
  public static ConfigField endpoint(String description) {
    return new ConfigField(
        EndpointAllowList.ENDPOINT, FieldType.TEXT, true, description, true, "API endpoint");
  }

  /**
   * How messages name the field: its label with its name, "Access key (accessKey)", so a person on
   * a form and a script sending the name both recognise it; the name alone when there is no label.
   */
  public String named() {
    return label == null ? "'" + name + "'" : label + " (" + name + ")";
  }

  public boolean isSecret() {
    return type != FieldType.TEXT;
  }
}
