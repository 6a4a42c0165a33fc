package io.stratus.common.identity;

import java.security.SecureRandom;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Console passwords: hashed with Argon2id (16-byte salt, 32-byte hash, 19 MiB, 2 iterations, as
 * OWASP recommends), kept only as the encoded hash in {@code user_account.password_hash}; and the
 * random first passwords {@code stratus-admin} prints once.
 */
public final class Passwords {
  /** The shortest password a user may choose. */
  public static final int MIN_LENGTH = 12;

  private static final Argon2PasswordEncoder ARGON2 =
      new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);
  private static final char[] ALPHABET =
      "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private Passwords() {}

  /** The Argon2id encoding ({@code $argon2id$v=19$m=...}) of a password. */
  public static String hash(CharSequence password) {
    return ARGON2.encode(password);
  }

  /** Whether the password matches an encoded hash; false for a null or malformed hash. */
  public static boolean matches(CharSequence password, String hash) {
    return hash != null && hash.startsWith("$argon2id$") && ARGON2.matches(password, hash);
  }

  /** A random password of 20 characters (about 116 bits), without look-alike characters. */
  public static String random() {
    char[] out = new char[20];
    for (int i = 0; i < out.length; i++) {
      out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
    }
    return new String(out);
  }

  /**
   * Why a chosen password is refused, or null when it is acceptable: at least {@value #MIN_LENGTH}
   * characters, at most 256, not the user's e-mail address (nor built on it), not one character
   * repeated, and not common or easy to guess ({@link PasswordStrength}: the most common breached
   * passwords, words, names, keyboard patterns). The one check of every password a person chooses,
   * in the console and the API alike.
   */
  public static String weakness(String password, String email) {
    if (password == null || password.length() < MIN_LENGTH) {
      return "a password needs at least " + MIN_LENGTH + " characters";
    }
    if (password.length() > 256) {
      return "a password has at most 256 characters";
    }
    if (email != null && password.equalsIgnoreCase(email)) {
      return "a password must not be the e-mail address";
    }
    return PasswordStrength.weakness(password, email);
  }
}
