package io.stratus.cloud.spi;

/** How a driver's configuration field is entered and kept. */
public enum FieldType {
  /** Plain text, shown back to the user. */
  TEXT,
  /** A secret: masked in forms, never shown again, never logged; stored only through the KM. */
  SECRET,
  /** A key pair (public and private part); the private part is a secret. */
  KEYPAIR
}
