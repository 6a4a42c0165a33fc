package io.stratus.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Event scripts through {@code POST /scripts/<name>}, with an operator's custom directory. */
class ScriptsIT {
  private static FakeDispatcher dispatcher;
  private static AgentProcess agent;
  private static AgentClient client;
  private static Path custom;
  private static Path outside;

  @BeforeAll
  static void start() throws Exception {
    TestPki pki = TestPki.create("scripts");
    dispatcher = new FakeDispatcher(pki);
    Path userData = Files.createTempFile("user-data-", ".properties");
    Files.writeString(userData, dispatcher.userData(9, dispatcher.token(9)));
    Path home = Files.createTempDirectory("agent-home-");
    custom = Files.createDirectories(home.resolve("custom/bin"));
    outside = Files.createTempDirectory("agent-outside-");
    agent =
        AgentProcess.builder()
            .home(home)
            .set("user-data.file", userData.toString())
            .set("script.timeout", "20s")
            .start();
    agent.awaitListening(Duration.ofSeconds(20));
    client = new AgentClient(agent, pki.context("worker"));
  }

  @AfterAll
  static void stop() {
    agent.close();
    dispatcher.close();
  }

  private static void script(Path dir, String name, String body) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
  }

  private static Map<String, Object> run(String name, String body) throws Exception {
    AgentClient.Answer answer = client.post("/scripts/" + name, body);
    assertEquals(200, answer.status(), answer.body());
    return answer.json();
  }

  @Test
  void shouldRunAShippedScript() throws Exception {
    Map<String, Object> result = run("scaleCheck", "{}");
    assertEquals(0L, result.get("exitCode"), result.toString());
    assertEquals(false, result.get("timedOut"));
    Map<String, Object> json = Json.parseObject(((String) result.get("output")).strip());
    assertTrue(json.containsKey("load") && json.containsKey("memory"), json.toString());
  }

  @Test
  void shouldPassArgsAsArgvNeverThroughAShell() throws Exception {
    script(custom, "echoArgs", "for a in \"$@\"; do printf '<%s>\\n' \"$a\"; done");
    Map<String, Object> result =
        run("echoArgs", "{\"args\":[\"a b\",\"$(touch /tmp/pwned)\",\"; rm -rf /\"]}");
    assertEquals("<a b>\n<$(touch /tmp/pwned)>\n<; rm -rf />\n", result.get("output"));
  }

  @Test
  void shouldPreferTheOperatorsScriptAndRunItsHooksAround() throws Exception {
    script(custom, "scaleCheck", "echo custom scaleCheck \"$1\"");
    script(custom, "scaleCheck-pre", "echo pre \"$1\"");
    script(custom, "scaleCheck-post", "echo post \"$1\" after $STRATUS_SCRIPT_EXIT_CODE");
    try {
      Map<String, Object> result = run("scaleCheck", "{\"args\":[\"x\"]}");
      assertEquals("pre x\ncustom scaleCheck x\npost x after 0\n", result.get("output"));
      assertEquals(0L, result.get("exitCode"));
    } finally {
      Files.delete(custom.resolve("scaleCheck"));
      Files.delete(custom.resolve("scaleCheck-pre"));
      Files.delete(custom.resolve("scaleCheck-post"));
    }
  }

  @Test
  void shouldStopWhenThePreHookFails() throws Exception {
    Path marker = outside.resolve("ran");
    script(custom, "guarded", "touch " + marker);
    script(custom, "guarded-pre", "echo not today; exit 3");
    Map<String, Object> result = run("guarded", "{}");
    assertEquals(3L, result.get("exitCode"));
    assertTrue(((String) result.get("output")).startsWith("not today\n"), result.toString());
    assertTrue(
        ((String) result.get("output")).contains("guarded-pre exited with 3; guarded was not run"));
    assertFalse(Files.exists(marker));
  }

  @Test
  void shouldKillTheWholeProcessTreeOnTimeout() throws Exception {
    Path pids = outside.resolve("pids");
    script(
        custom,
        "hang",
        "sleep 300 & echo $! > "
            + pids
            + "\n(sleep 301 & echo $! >> "
            + pids
            + "; wait) &\necho started\nwait");
    long start = System.nanoTime();
    Map<String, Object> result = run("hang", "{\"timeoutSeconds\":1}");
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertEquals(true, result.get("timedOut"), result.toString());
    assertTrue(((String) result.get("output")).startsWith("started\n"), result.toString());
    assertTrue(millis < 8000, "answered after " + millis + " ms");
    for (String pid : Files.readAllLines(pids)) {
      assertFalse(running(Long.parseLong(pid.strip())), "process " + pid + " survived the timeout");
    }
  }

  /** Alive and not a zombie (an orphan's zombie lingers until init reaps it). */
  private static boolean running(long pid) throws Exception {
    Path stat = Path.of("/proc", Long.toString(pid), "stat");
    for (int i = 0; i < 50; i++) {
      try {
        String text = Files.readString(stat);
        char state = text.charAt(text.lastIndexOf(')') + 2);
        if (state == 'Z' || state == 'X') {
          return false;
        }
      } catch (java.nio.file.NoSuchFileException e) {
        return false;
      }
      Thread.sleep(20);
    }
    return true;
  }

  @Test
  void shouldCapTheOutputAndSaySo() throws Exception {
    script(custom, "chatty", "head -c 200000 /dev/zero | tr '\\0' 'x'; echo; echo done");
    Map<String, Object> result = run("chatty", "{}");
    String output = (String) result.get("output");
    assertEquals(0L, result.get("exitCode"));
    assertTrue(output.length() < 70_000, "output of " + output.length());
    assertTrue(output.contains("output cut at 65536 bytes"), output.substring(65_000));
  }

  @Test
  void shouldRefuseNamesThatLeaveTheScriptDirectories() throws Exception {
    for (String name : new String[] {"..%2F..%2Fbin%2Fsh", "..", "a%2Fb", "-x", "1abc", "a.b"}) {
      AgentClient.Answer answer = client.post("/scripts/" + name, "{}");
      assertEquals(400, answer.status(), name + ": " + answer.body());
    }
    assertEquals(400, client.post("/scripts/..%2F..%2F..%2Fbin/sh", "{}").status());
    script(outside, "elsewhere", "echo should not run");
    Files.createSymbolicLink(custom.resolve("escape"), outside.resolve("elsewhere"));
    AgentClient.Answer escaped = client.post("/scripts/escape", "{}");
    assertEquals(403, escaped.status(), escaped.body());
    assertTrue(escaped.errorMessage().contains("outside the script directories"));
  }

  @Test
  void shouldAnswer404ForAnUnknownScriptAnd400ForBadArgs() throws Exception {
    assertEquals(404, client.post("/scripts/noSuchScript", "{}").status());
    assertEquals(400, client.post("/scripts/scaleCheck", "{\"args\":\"nope\"}").status());
    assertEquals(400, client.post("/scripts/scaleCheck", "{\"args\":[1]}").status());
    assertEquals(400, client.post("/scripts/scaleCheck", "{\"timeoutSeconds\":3601}").status());
    assertEquals(400, client.post("/scripts/scaleCheck", "not json").status());
  }
}
