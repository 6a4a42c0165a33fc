package io.stratus.admin;

import io.stratus.common.identity.IdentityException;
import io.stratus.common.identity.IdentityRules;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code --name value} options of a command; an unknown or value-less option is a usage error. */
final class Options {
  private final Map<String, String> values;

  private Options(Map<String, String> values) {
    this.values = values;
  }

  static Options parse(List<String> args, List<String> known) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String name = args.get(i);
      if (!known.contains(name)) {
        throw new IllegalArgumentException(
            "unknown option '" + name + "'; expected one of " + known);
      }
      if (i + 1 >= args.size()) {
        throw new IllegalArgumentException("option " + name + " needs a value");
      }
      values.put(name, args.get(++i));
    }
    return new Options(values);
  }

  String value(String name, String defaultValue) {
    return values.getOrDefault(name, defaultValue);
  }

  String required(String name) {
    String value = values.get(name);
    if (value == null) {
      throw new IllegalArgumentException("option " + name + " is required");
    }
    return value;
  }

  /** A required e-mail address, checked by the one rule the console and the API use. */
  String email(String name) {
    try {
      return IdentityRules.email(required(name));
    } catch (IdentityException e) {
      throw new IllegalArgumentException("option " + name + ": " + e.getMessage());
    }
  }

  Path path(String name, Path defaultValue) {
    String value = values.get(name);
    return value == null ? defaultValue : Path.of(value);
  }
}
