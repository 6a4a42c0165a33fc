package io.stratus.agent.script;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds an event script by name: the operator's {@code <custom.dir>/bin/<name>} wins over the
 * shipped {@code <scripts.dir>/bin/<name>}; {@code <custom.dir>/bin/<name>-pre} and {@code
 * <name>-post} run around it when present. A name is a letter then up to 63 letters, digits, {@code
 * _} or {@code -}, so it can hold no {@code /} and no {@code ..}; and a script (or hook) whose real
 * path, after every symbolic link, lies outside the two {@code bin/} directories is refused.
 */
public final class ScriptLocator {
  public static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");

  /** The script to run and the hooks around it (either may be null). */
  public record Located(Path script, Path pre, Path post) {}

  private final Path customBin;
  private final Path shippedBin;

  public ScriptLocator(Path customDir, Path scriptsDir) {
    this.customBin = customDir.resolve("bin");
    this.shippedBin = scriptsDir.resolve("bin");
  }

  public static boolean isValidName(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  /**
   * The script called {@code name}, or empty when neither directory has it.
   *
   * @throws ScriptException 400 for a bad name, 403 for a script outside the script directories
   */
  public Optional<Located> locate(String name) throws ScriptException {
    if (!isValidName(name)) {
      throw new ScriptException(
          400, "a script name is a letter, then up to 63 letters, digits, '_' or '-'");
    }
    Path script = find(customBin, name);
    if (script == null) {
      script = find(shippedBin, name);
    }
    if (script == null) {
      return Optional.empty();
    }
    return Optional.of(
        new Located(script, find(customBin, name + "-pre"), find(customBin, name + "-post")));
  }

  private Path find(Path bin, String name) throws ScriptException {
    Path candidate = bin.resolve(name);
    if (!Files.exists(candidate)) {
      return null;
    }
    try {
      Path real = candidate.toRealPath();
      if (!inside(real)) {
        throw new ScriptException(
            403, "script " + name + " resolves outside the script directories; refused");
      }
      if (!Files.isRegularFile(real)) {
        return null;
      }
      if (!Files.isExecutable(real)) {
        throw new ScriptException(500, "script " + name + " is not executable");
      }
      return real;
    } catch (IOException e) {
      throw new ScriptException(500, "cannot resolve script " + name + ": " + e.getMessage());
    }
  }

  private boolean inside(Path real) throws IOException {
    List<Path> roots = new ArrayList<>(2);
    for (Path bin : List.of(customBin, shippedBin)) {
      if (Files.isDirectory(bin)) {
        roots.add(bin.toRealPath());
      }
    }
    for (Path root : roots) {
      if (real.startsWith(root) && !real.equals(root)) {
        return true;
      }
    }
    return false;
  }
}
