package io.stratus.cloud.spi.compute;

import java.util.Locale;
import java.util.Optional;

/**
 * A CPU architecture, named as enStratus and Dasein Cloud name them ({@code I64}, not {@code
 * x86_64}), so every driver reports the same names whatever its cloud calls them.
 */
public enum Architecture {
  /** 32-bit x86. */
  I32,
  /** 64-bit x86. */
  I64,
  /** 32-bit ARM. */
  ARM32,
  /** 64-bit ARM. */
  ARM64,
  /** 64-bit POWER. */
  POWER64;

  /**
   * The architecture a machine name denotes, as clouds and operating systems write it ({@code
   * x86_64}, {@code amd64}, {@code i686}, {@code aarch64}, {@code ppc64le}, Java's {@code os.arch},
   * ...); empty when there is none or it is not one of these, so a driver reports nothing rather
   * than a guess.
   */
  public static Optional<Architecture> ofMachine(String machine) {
    if (machine == null) {
      return Optional.empty();
    }
    return switch (machine.strip().toLowerCase(Locale.ROOT)) {
      case "x86_64", "amd64", "x64", "x86-64" -> Optional.of(I64);
      case "i386", "i486", "i586", "i686", "x86" -> Optional.of(I32);
      case "aarch64", "arm64" -> Optional.of(ARM64);
      case "arm", "armv7l", "armv7", "armhf", "aarch32" -> Optional.of(ARM32);
      case "ppc64", "ppc64le" -> Optional.of(POWER64);
      default -> Optional.empty();
    };
  }
}
