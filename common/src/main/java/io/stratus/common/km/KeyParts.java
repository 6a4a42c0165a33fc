package io.stratus.common.km;

import java.util.Objects;

/**
 * One row of the Key Manager as it travels: the scheme that produced the parts and the two parts,
 * both already encrypted by the caller. The KM stores them as they are and never looks inside.
 * {@link #toString()} shows only the lengths, so a row can be logged by mistake without leaking.
 *
 * @param version which encryption scheme produced the parts, e.g. {@code stratus-aead-1}
 * @param publicPart the encrypted public part (for a cloud credential: the non-secret fields)
 * @param privatePart the encrypted private part (the secret fields)
 */
public record KeyParts(String version, String publicPart, String privatePart) {
  public KeyParts {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(publicPart, "publicPart");
    Objects.requireNonNull(privatePart, "privatePart");
  }

  @Override
  public String toString() {
    return "KeyParts[version="
        + version
        + ", publicPart=("
        + publicPart.length()
        + " chars), privatePart=("
        + privatePart.length()
        + " chars)]";
  }
}
