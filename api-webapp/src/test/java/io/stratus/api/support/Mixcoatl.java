package io.stratus.api.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs the enStratus Python client mixcoatl, unchanged, against an API: its library through {@code
 * enstratus-clients/mixcoatl_calls.py} and its {@code dcm-*} tools as published. It needs Python
 * 2.7 ({@code STRATUS_PYTHON2}, else pyenv's 2.7.18) and mixcoatl's source ({@code MIXCOATL_HOME},
 * else {@code shared/clients/mixcoatl} beside an enclosing directory of the build); {@link
 * #missing} says which is absent. {@code enstratus-clients/python2} makes pip's vendored requests
 * importable and stands in for the output-only modules the tools import.
 */
public final class Mixcoatl {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PYENV_PYTHON = "versions/2.7.18/bin/python";

  /** What one run gave: exit code, standard output and error. */
  public record Run(int code, String out, String err) {
    /** The last line of output as JSON (what mixcoatl_calls.py reports). */
    public JsonNode report() {
      String[] lines = out.strip().split("\n");
      try {
        return JSON.readTree(lines[lines.length - 1]);
      } catch (IOException e) {
        throw new AssertionError("no report in the output: " + this, e);
      }
    }

    @Override
    public String toString() {
      return "exit " + code + "\n--- out\n" + out + "\n--- err\n" + err;
    }
  }

  private final Path python;
  private final Path home;
  private final Map<String, String> environment;

  private Mixcoatl(Path python, Path home, Map<String, String> environment) {
    this.python = python;
    this.home = home;
    this.environment = environment;
  }

  /** Why mixcoatl cannot run here, or empty when it can. */
  public static Optional<String> missing() {
    if (python2().isEmpty()) {
      return Optional.of(
          "Python 2.7 is not installed (set STRATUS_PYTHON2, or install 2.7.18 under pyenv)");
    }
    if (home().isEmpty()) {
      return Optional.of(
          "mixcoatl's source is not here (set MIXCOATL_HOME, or place it in shared/clients)");
    }
    return Optional.empty();
  }

  /** mixcoatl against the API on {@code port}, trusting {@code caPem}, signing with these keys. */
  public static Mixcoatl against(int port, Path caPem, String accessKey, String secretKey)
      throws IOException {
    return against(port, caPem, accessKey, secretKey, "2013-03-13");
  }

  /** As {@link #against(int, Path, String, String)}, its endpoint pinned to {@code version}. */
  public static Mixcoatl against(
      int port, Path caPem, String accessKey, String secretKey, String version) throws IOException {
    Path userHome = Files.createTempDirectory("mixcoatl-home-");
    Path home = home().orElseThrow();
    Path support = resource("enstratus-clients/python2");
    return new Mixcoatl(
        python2().orElseThrow(),
        home,
        Map.of(
            "HOME",
            userHome.toString(),
            "PYTHONPATH",
            home + ":" + support,
            "PYTHONDONTWRITEBYTECODE",
            "1",
            "DCM_ENDPOINT",
            "https://127.0.0.1:" + port + "/api/enstratus/" + version,
            "DCM_ACCESS_KEY",
            accessKey,
            "DCM_SECRET_KEY",
            secretKey,
            "REQUESTS_CA_BUNDLE",
            caPem.toString()));
  }

  /** The directory of mixcoatl's published command-line tools. */
  public static Path tools() {
    return home().orElseThrow().resolve("bin");
  }

  /** One library call of {@code mixcoatl_calls.py}, e.g. {@code call("list-servers")}. */
  public Run call(String... args) throws IOException, InterruptedException {
    List<String> argv =
        new ArrayList<>(List.of(resource("enstratus-clients/mixcoatl_calls.py").toString()));
    argv.addAll(List.of(args));
    return run(argv);
  }

  /** One of mixcoatl's command-line tools, e.g. {@code tool("dcm-list-servers", "--json")}. */
  public Run tool(String name, String... args) throws IOException, InterruptedException {
    List<String> argv = new ArrayList<>(List.of(home.resolve("bin").resolve(name).toString()));
    argv.addAll(List.of(args));
    return run(argv);
  }

  private Run run(List<String> args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(python.toString()));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().clear();
    builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    builder.environment().putAll(environment);
    Path out = Files.createTempFile("mixcoatl-out-", ".txt");
    Path err = Files.createTempFile("mixcoatl-err-", ".txt");
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process process = builder.start();
    // Generous: a launch follows its job, polled by mixcoatl every 5 seconds.
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("mixcoatl " + args + " did not end within 5 minutes");
    }
    Run run =
        new Run(
            process.exitValue(),
            Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
    Files.deleteIfExists(out);
    Files.deleteIfExists(err);
    return run;
  }

  private static Optional<Path> python2() {
    List<String> candidates = new ArrayList<>();
    if (System.getenv("STRATUS_PYTHON2") != null) {
      candidates.add(System.getenv("STRATUS_PYTHON2"));
    }
    if (System.getenv("PYENV_ROOT") != null) {
      candidates.add(System.getenv("PYENV_ROOT") + "/" + PYENV_PYTHON);
    }
    candidates.add(System.getProperty("user.home") + "/.pyenv/" + PYENV_PYTHON);
    return candidates.stream().map(Path::of).filter(Files::isExecutable).findFirst();
  }

  private static Optional<Path> home() {
    if (System.getenv("MIXCOATL_HOME") != null) {
      Path configured = Path.of(System.getenv("MIXCOATL_HOME"));
      return Files.isDirectory(configured.resolve("mixcoatl"))
          ? Optional.of(configured)
          : Optional.empty();
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared/clients/mixcoatl");
      if (Files.isDirectory(candidate.resolve("mixcoatl"))) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static Path resource(String name) {
    try {
      return Path.of(Mixcoatl.class.getResource("/" + name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("test resource " + name + " is missing", e);
    }
  }
}
