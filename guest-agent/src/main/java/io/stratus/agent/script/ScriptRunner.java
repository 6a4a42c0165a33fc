package io.stratus.agent.script;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs event scripts: the pre hook, the script, the post hook, each as its own process with the
 * caller's arguments as its argv (never through a shell), stdout and stderr merged into one output
 * capped at {@value #OUTPUT_CAP} bytes, under one deadline for the three. Each runs in a new
 * session (through {@code setsid} where the system has it), so a timeout kills its whole process
 * group as well as every descendant still found. A failing pre hook stops the run; the post hook
 * runs whatever the script's exit code, which it finds in {@code STRATUS_SCRIPT_EXIT_CODE}.
 */
public final class ScriptRunner {
  private static final Logger log = Logger.getLogger(ScriptRunner.class.getName());
  public static final int OUTPUT_CAP = 64 * 1024;
  public static final int MAX_CONCURRENT = 4;
  private static final String SETSID = findSetsid();

  private final ScriptLocator locator;
  private final Path workDir;
  private final Semaphore slots = new Semaphore(MAX_CONCURRENT);

  public ScriptRunner(ScriptLocator locator, Path workDir) {
    this.locator = locator;
    this.workDir = workDir;
  }

  /**
   * Runs script {@code name} with {@code args} within {@code timeout}.
   *
   * @throws ScriptException 404 when there is no such script, 400/403 for a refused name, 429 when
   *     {@value #MAX_CONCURRENT} scripts are already running
   */
  public ScriptResult run(String name, List<String> args, Duration timeout) throws ScriptException {
    ScriptLocator.Located located =
        locator.locate(name).orElseThrow(() -> new ScriptException(404, "no script " + name));
    if (!slots.tryAcquire()) {
      throw new ScriptException(
          429, MAX_CONCURRENT + " scripts are already running; try again later");
    }
    try {
      return run(name, located, args, timeout);
    } finally {
      slots.release();
    }
  }

  private ScriptResult run(
      String name, ScriptLocator.Located located, List<String> args, Duration timeout)
      throws ScriptException {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    CappedOutput output = new CappedOutput(OUTPUT_CAP);
    int exitCode;
    boolean timedOut = false;
    Stage pre = null;
    if (located.pre() != null) {
      pre = stage(located.pre(), args, deadline, output, Map.of());
      if (pre.timedOut || pre.exitCode != 0) {
        output.note(
            "[stratus-agent] "
                + name
                + "-pre "
                + (pre.timedOut ? "timed out" : "exited with " + pre.exitCode)
                + "; "
                + name
                + " was not run");
        return result(name, pre.exitCode, output, pre.timedOut, start);
      }
    }
    Stage main = stage(located.script(), args, deadline, output, Map.of());
    exitCode = main.exitCode;
    timedOut = main.timedOut;
    if (timedOut) {
      output.note(
          "[stratus-agent] " + name + " timed out after " + timeout.toSeconds() + " s; killed");
    }
    if (located.post() != null && !timedOut) {
      Stage post =
          stage(
              located.post(),
              args,
              deadline,
              output,
              Map.of("STRATUS_SCRIPT_EXIT_CODE", Integer.toString(main.exitCode)));
      if (post.timedOut) {
        timedOut = true;
        output.note("[stratus-agent] " + name + "-post timed out; killed");
      }
      if (exitCode == 0) {
        exitCode = post.exitCode;
      }
    }
    return result(name, exitCode, output, timedOut, start);
  }

  private static ScriptResult result(
      String name, int exitCode, CappedOutput output, boolean timedOut, long start) {
    return new ScriptResult(
        name, exitCode, output.text(), timedOut, (System.nanoTime() - start) / 1_000_000);
  }

  private record Stage(int exitCode, boolean timedOut) {}

  private Stage stage(
      Path script, List<String> args, long deadline, CappedOutput output, Map<String, String> env)
      throws ScriptException {
    List<String> command = new ArrayList<>(args.size() + 2);
    if (SETSID != null) {
      command.add(SETSID);
    }
    command.add(script.toString());
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.directory(workDir.toFile());
    builder.redirectErrorStream(true);
    builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Map<String, String> environment = builder.environment();
    environment.remove("STRATUS_VM_TOKEN");
    environment.put("STRATUS_SCRIPT", script.getFileName().toString());
    environment.putAll(env);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new ScriptException(
          500, "cannot start " + script.getFileName() + ": " + e.getMessage());
    }
    Thread reader =
        new Thread(
            () -> {
              try {
                output.drain(process.getInputStream());
              } catch (IOException e) {
                // the stream closed: the process is gone
              }
            },
            "script-output-" + process.pid());
    reader.setDaemon(true);
    reader.start();
    boolean timedOut = false;
    try {
      long wait = deadline - System.nanoTime();
      if (wait <= 0 || !process.waitFor(wait, TimeUnit.NANOSECONDS)) {
        timedOut = true;
        ProcessTree.kill(process);
        process.waitFor(5, TimeUnit.SECONDS);
      }
      // Output still held open by a process the script left behind is not waited for long.
      reader.join(timedOut ? 2000 : 1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ProcessTree.kill(process);
      timedOut = true;
    }
    int exit = process.isAlive() ? -1 : process.exitValue();
    if (timedOut) {
      log.log(Level.WARNING, "Script {0} timed out; its process tree was killed", script);
    }
    return new Stage(exit, timedOut);
  }

  private static String findSetsid() {
    for (String candidate : new String[] {"/usr/bin/setsid", "/bin/setsid", "/usr/sbin/setsid"}) {
      if (Files.isExecutable(Path.of(candidate))) {
        return candidate;
      }
    }
    return null;
  }
}
