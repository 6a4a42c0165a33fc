package io.stratus.common.identity;

import io.stratus.common.identity.IdentityException.Invalid;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What an identity write accepts, the same for the console and the API: e-mail addresses, display
 * names, group and role names, descriptions, statuses and rights. Each method answers the cleaned
 * value or throws {@link Invalid} saying why.
 */
public final class IdentityRules {
  /**
   * An address as people type them: a local part of letters, digits and {@code
   * !#$%&'*+/=?^_`{|}~.-} (no leading, trailing or double dot), one {@code @}, and a domain of at
   * least two dot-separated labels of letters, digits and inner hyphens. Letters may be any
   * script's. No control, format or space characters anywhere; quoted local parts and address
   * literals are refused.
   */
  static final Pattern EMAIL =
      Pattern.compile(
          "(?!\\.)(?!.*\\.\\.)[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~.-]{1,64}(?<!\\.)"
              + "@(?=.{1,190}$)([\\p{L}\\p{N}]([\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?\\.)+"
              + "[\\p{L}\\p{N}]([\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?");

  /** The longest address accepted (RFC 5321's path limit). */
  static final int EMAIL_MAX = 254;

  static final Pattern NAME = Pattern.compile("[*]|[a-z][a-z0-9_]{0,63}");

  /** A right's qualifiers, narrowest last. */
  public static final List<String> QUALIFIERS = List.of("ANY", "GROUP", "MINE");

  private IdentityRules() {}

  /** A right: resource type × action × qualifier. */
  public record Right(String resourceType, String action, String qualifier) {
    /** A validated right; the qualifier may be given in any case. */
    public static Right of(String resourceType, String action, String qualifier) {
      return new Right(
          IdentityRules.resourceType(resourceType),
          IdentityRules.action(action),
          IdentityRules.qualifier(qualifier));
    }

    @Override
    public String toString() {
      return resourceType + "/" + action + "/" + qualifier;
    }
  }

  /**
   * The one check of an e-mail address, for the console, the API and the admin commands.
   *
   * @return the address, stripped of surrounding white space
   * @throws Invalid "the e-mail address is not valid" (never quoting it: it may hold control bytes)
   */
  public static String email(String email) {
    String address = email == null ? "" : email.strip();
    if (address.length() > EMAIL_MAX || !EMAIL.matcher(address).matches()) {
      throw new Invalid("the e-mail address is not valid");
    }
    return address;
  }

  /** A user's display name; blank means the e-mail address. */
  public static String displayName(String name, String email) {
    String n = name == null ? "" : name.strip();
    if (n.isEmpty()) {
      return email;
    }
    if (n.length() > 200) {
      throw new Invalid("a display name has at most 200 characters");
    }
    return n;
  }

  /** A group's or role's name; {@code what} is "a group" or "a role". */
  public static String label(String name, String what) {
    String n = name == null ? "" : name.strip();
    if (n.isEmpty() || n.length() > 200) {
      throw new Invalid(what + "'s name is 1 to 200 characters");
    }
    return n;
  }

  /** A description: null when blank. */
  public static String description(String description) {
    String d = description == null ? "" : description.strip();
    if (d.length() > 1000) {
      throw new Invalid("a description has at most 1000 characters");
    }
    return d.isEmpty() ? null : d;
  }

  /** A user's status: {@code active} or {@code disabled}, in any case. */
  public static String status(String status) {
    String s = status == null ? "" : status.strip().toLowerCase(Locale.ROOT);
    if (!s.equals("active") && !s.equals("disabled")) {
      throw new Invalid("a user's status is active or disabled, not " + status);
    }
    return s;
  }

  public static String resourceType(String resourceType) {
    String r = resourceType == null ? "" : resourceType.strip();
    if (!NAME.matcher(r).matches()) {
      throw new Invalid(
          "a resource type is * or lower-case letters, digits and _ (at most 64), not '" + r + "'");
    }
    return r;
  }

  public static String action(String action) {
    String a = action == null ? "" : action.strip();
    if (!NAME.matcher(a).matches()) {
      throw new Invalid(
          "an action is * or lower-case letters, digits and _ (at most 64), not '" + a + "'");
    }
    return a;
  }

  public static String qualifier(String qualifier) {
    String q = qualifier == null ? "" : qualifier.strip().toUpperCase(Locale.ROOT);
    if (!QUALIFIERS.contains(q)) {
      throw new Invalid("a qualifier is ANY, GROUP or MINE, not " + qualifier);
    }
    return q;
  }
}
