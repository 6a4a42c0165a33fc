package io.stratus.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The LSB init script: start, status, stop, restart and their exit codes, on a real agent. */
class InitScriptIT {
  private static final Path SCRIPT = AgentProcess.DIST.resolve("init.d/stratus-agent");

  record Run(int exit, String output) {}

  private static Run run(Map<String, String> env, String action) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder("sh", SCRIPT.toString(), action).redirectErrorStream(true);
    builder.environment().putAll(env);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(30, TimeUnit.SECONDS));
    return new Run(process.exitValue(), output);
  }

  @Test
  void shouldStartReportStopAndRestartWithLsbExitCodes() throws Exception {
    Path home = Files.createTempDirectory("agent-init-");
    Files.createDirectories(home.resolve("bin"));
    Files.createDirectories(home.resolve("etc"));
    // An installed agent: its launcher (here: the checkout's) and a configuration.
    Path launcher = home.resolve("bin/stratus-agent");
    Files.writeString(launcher, "#!/bin/sh\nexec sh " + AgentProcess.LAUNCHER + " \"$@\"\n");
    Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwx------"));
    Files.writeString(
        home.resolve("etc/agent.properties"),
        "listen-address=127.0.0.1\nport="
            + AgentProcess.freePort()
            + "\nuser-data.file="
            + home.resolve("no-user-data-yet")
            + "\n");
    Map<String, String> env =
        Map.of(
            "STRATUS_AGENT_HOME", home.toString(),
            "STRATUS_AGENT_PIDFILE", home.resolve("run/stratus-agent.pid").toString());
    try {
      assertEquals(3, run(env, "status").exit(), "not running");
      Run start = run(env, "start");
      assertEquals(0, start.exit(), start.output());
      assertTrue(start.output().contains("Starting Stratus guest agent."), start.output());
      Run status = run(env, "status");
      assertEquals(0, status.exit(), status.output());
      long pid = Long.parseLong(Files.readString(home.resolve("run/stratus-agent.pid")).strip());
      assertTrue(ProcessHandle.of(pid).orElseThrow().isAlive());
      assertTrue(
          Files.readString(home.resolve("log/agent.log")).contains("Starting Stratus guest agent"));
      assertEquals(0, run(env, "start").exit(), "starting a running agent is fine");

      Run restart = run(env, "restart");
      assertEquals(0, restart.exit(), restart.output());
      long newPid = Long.parseLong(Files.readString(home.resolve("run/stratus-agent.pid")).strip());
      assertFalse(pid == newPid);
      assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));

      Run stop = run(env, "stop");
      assertEquals(0, stop.exit(), stop.output());
      assertEquals(3, run(env, "status").exit());
      assertEquals(0, run(env, "stop").exit(), "stopping a stopped agent is fine");
      assertEquals(2, run(env, "bounce").exit());
    } finally {
      run(env, "stop");
    }
  }

  @Test
  void shouldSayWhenTheAgentIsNotInstalled() throws Exception {
    Path home = Files.createTempDirectory("agent-init-missing-");
    Run start =
        run(
            Map.of(
                "STRATUS_AGENT_HOME", home.toString(),
                "STRATUS_AGENT_PIDFILE", home.resolve("pid").toString()),
            "start");
    assertEquals(5, start.exit(), start.output());
  }
}
