package io.stratus.agent.script;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Kills a script's whole process tree: its process group (when the script leads one, as it does
 * under {@code setsid}; never the agent's own), then every descendant still found, twice over to
 * catch what was forked meanwhile.
 */
final class ProcessTree {
  private ProcessTree() {}

  static void kill(Process process) {
    long pid = process.pid();
    List<ProcessHandle> descendants = process.descendants().toList();
    if (leadsOwnGroup(pid)) {
      try {
        Process kill =
            new ProcessBuilder("kill", "-KILL", "--", "-" + pid)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        kill.waitFor(5, TimeUnit.SECONDS);
      } catch (IOException e) {
        // fall back on the descendants below
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    for (int round = 0; round < 2; round++) {
      process.destroyForcibly();
      descendants.forEach(ProcessHandle::destroyForcibly);
      descendants = process.descendants().toList();
    }
  }

  /** Whether {@code pid} leads its own process group (and so is not in the agent's). */
  private static boolean leadsOwnGroup(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long group = Long.parseLong(fields[2]);
      return group == pid && group != ProcessHandle.current().pid();
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
