package io.stratus.common.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import me.gosimple.nbvcxz.Nbvcxz;
import me.gosimple.nbvcxz.resources.Configuration;
import me.gosimple.nbvcxz.resources.ConfigurationBuilder;
import me.gosimple.nbvcxz.resources.Dictionary;
import me.gosimple.nbvcxz.resources.DictionaryBuilder;
import me.gosimple.nbvcxz.scoring.Result;

/**
 * Whether a chosen password is too easy to guess, as OWASP ASVS (V2.1.7) asks: checked against
 * nbvcxz's bundled list of the 100,000 most common passwords from public breaches, its English
 * words, names and keyboard patterns, and the user's own e-mail address, with a zxcvbn-style
 * estimate of the guesses needed; refused below {@value #MIN_ENTROPY_BITS} bits. No composition
 * rule (digits, capitals) is imposed: a few unrelated words pass, {@code password1234} does not.
 * The dictionaries are loaded once (about a second and some megabytes), on first use.
 */
final class PasswordStrength {
  /** nbvcxz's own recommended minimum. */
  static final double MIN_ENTROPY_BITS = 35;

  private PasswordStrength() {}

  /** Why the password is too easy to guess, or null; never echoes the password. */
  static String weakness(String password, String email) {
    if (password.chars().distinct().count() == 1) {
      return "a password must not be one character repeated";
    }
    Result result = new Nbvcxz(configuration(email)).estimate(password);
    if (result.isMinimumEntropyMet()) {
      return null;
    }
    String warning = result.getFeedback().getWarning();
    String why =
        warning == null || warning.isBlank()
            ? ""
            : " (" + lowerFirst(warning.strip().replaceAll("[.]+$", "")) + ")";
    return "this password is common or easy to guess"
        + why
        + "; a few unrelated words make a strong one";
  }

  private static Configuration configuration(String email) {
    List<Dictionary> dictionaries = new ArrayList<>(Defaults.DICTIONARIES);
    if (email != null && !email.isBlank()) {
      String address = email.strip().toLowerCase(Locale.ROOT);
      DictionaryBuilder own =
          new DictionaryBuilder().setDictionaryName("own e-mail address").setExclusion(true);
      own.addWord(address, 0);
      int at = address.indexOf('@');
      if (at > 0) {
        own.addWord(address.substring(0, at), 0);
        own.addWord(address.substring(at + 1), 0);
      }
      dictionaries.add(own.createDictionary());
    }
    return new ConfigurationBuilder()
        .setDictionaries(dictionaries)
        .setMinimumEntropy(MIN_ENTROPY_BITS)
        .setLocale(Locale.ENGLISH)
        .createConfiguration();
  }

  private static String lowerFirst(String text) {
    return text.isEmpty() ? text : Character.toLowerCase(text.charAt(0)) + text.substring(1);
  }

  /** The bundled dictionaries, loaded at first use. */
  private static final class Defaults {
    static final List<Dictionary> DICTIONARIES =
        List.copyOf(ConfigurationBuilder.getDefaultDictionaries());
  }
}
