package io.stratus.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The shipped event scripts, run directly. The destructive ones (users, mounts, formatting) are
 * only checked for syntax and for refusing bad arguments before they touch anything; scaleCheck,
 * configureService and backupService run for real, the last two in temporary directories.
 */
class EventScriptsIT {
  private static final Path BIN = AgentProcess.SCRIPTS.resolve("bin");
  private static final List<String> SCRIPTS =
      List.of(
          "addUser",
          "removeUser",
          "mount",
          "unmount",
          "format",
          "configureService",
          "backupService",
          "scaleCheck");

  record Run(int exit, String output) {}

  private static Run run(Map<String, String> env, String script, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(BIN.resolve(script).toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(20, TimeUnit.SECONDS));
    return new Run(process.exitValue(), output);
  }

  private static Run run(String script, String... args) throws IOException, InterruptedException {
    return run(Map.of(), script, args);
  }

  private static void assertUsage(Run run, String message) {
    assertEquals(2, run.exit(), run.output());
    assertTrue(run.output().contains(message), run.output());
    assertTrue(run.output().contains("usage: "), run.output());
  }

  @Test
  void shouldShipEveryScriptExecutableAndSyntacticallyValid() throws Exception {
    for (String script : SCRIPTS) {
      Path file = BIN.resolve(script);
      assertTrue(Files.isExecutable(file), script);
      for (String shell : List.of("sh", "bash")) {
        Process check =
            new ProcessBuilder(shell, "-n", file.toString()).redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, check.waitFor(), shell + " -n " + script + ": " + output);
      }
    }
  }

  @Test
  void shouldAnswerWrongArgumentCountsWithUsage() throws Exception {
    for (String script : SCRIPTS) {
      Run run = script.equals("scaleCheck") ? run(script, "extra") : run(script);
      assertEquals(2, run.exit(), script + ": " + run.output());
      assertTrue(run.output().contains("usage: " + script), script + ": " + run.output());
    }
  }

  @Test
  void shouldRefuseBadUsersKeysAndSudoBeforeChangingAnything() throws Exception {
    assertUsage(run("addUser", "Root"), "a user name is");
    assertUsage(run("addUser", "../etc"), "a user name is");
    assertUsage(run("addUser", "a".repeat(33)), "at most 32");
    assertUsage(run("addUser", "alice", "not a key"), "not an SSH public key");
    assertUsage(run("addUser", "alice", "ssh-ed25519 AAAA$(reboot)"), "not Base64");
    assertUsage(run("addUser", "alice", "ssh-ed25519 AAAA\nssh-rsa BBBB"), "one line");
    assertUsage(run("addUser", "alice", "-", "always"), "sudo or nosudo");
    assertUsage(run("removeUser", "bob;rm"), "a user name is");
    assertUsage(run("removeUser", "bob", "please"), "keep-home");
  }

  @Test
  void shouldRefuseBadMountsBeforeMounting() throws Exception {
    assertUsage(run("mount", "dev/sdb", "/data"), "not an absolute path");
    assertUsage(run("mount", "/dev/sdb", "/etc"), "system directory");
    assertUsage(run("mount", "/dev/sdb", "/data/../etc"), "no '..'");
    assertUsage(run("mount", "/dev/sdb", "/data", "ext4;reboot"), "file system type");
    assertUsage(run("unmount", "/"), "system directory");
    assertUsage(run("unmount", "data"), "not an absolute path");
  }

  @Test
  void shouldRefuseToFormatAMountedDeviceOrAnythingButADevice() throws Exception {
    assertUsage(run("format", "/dev/sdb", "ntfs"), "unsupported file system type");
    assertUsage(run("format", "sdb", "ext4"), "not an absolute path");
    assertUsage(run("format", "/dev/sdb", "ext4", "yes"), "force");

    Path plain = Files.createTempFile("not-a-device-", ".img");
    Run notDevice = run("format", plain.toString(), "ext4");
    assertEquals(1, notDevice.exit(), notDevice.output());
    assertTrue(notDevice.output().contains("not a block device"), notDevice.output());

    // A local-cloud VM's volume, listed as mounted: refused before mkfs is ever looked for.
    Path vmDir = Files.createTempDirectory("vm-");
    Path volume = Files.createDirectories(vmDir.resolve("volumes")).resolve("sdb");
    Files.write(volume, new byte[4096]);
    Path mounts = Files.createTempFile("mounts-", "");
    Files.writeString(mounts, volume + " /data ext4 rw 0 0\n");
    Run mounted =
        run(
            Map.of("STRATUS_VM_DIR", vmDir.toString(), "STRATUS_MOUNTS_FILE", mounts.toString()),
            "format",
            volume.toString(),
            "ext4");
    assertEquals(1, mounted.exit(), mounted.output());
    assertTrue(mounted.output().contains("is mounted"), mounted.output());
    assertEquals(4096, Files.size(volume), "untouched");
  }

  @Test
  void shouldPrintLoadAndMemoryAsJson() throws Exception {
    Run run = run("scaleCheck");
    assertEquals(0, run.exit(), run.output());
    Map<String, Object> json = Json.parseObject(run.output().strip());
    assertEquals(3, ((List<?>) json.get("load")).size());
    @SuppressWarnings("unchecked")
    Map<String, Object> memory = (Map<String, Object>) json.get("memory");
    assertTrue((Long) memory.get("totalBytes") > 0);
    assertTrue((Long) json.get("cpuCount") >= 1);
  }

  @Test
  void shouldWriteAndMergeAServicesSettings() throws Exception {
    Path dir = Files.createTempDirectory("services-");
    Map<String, String> env = Map.of("STRATUS_SERVICE_CONF_DIR", dir.toString());
    Run first = run(env, "configureService", "web", "port=8080", "threads=4");
    assertEquals(0, first.exit(), first.output());
    Run second = run(env, "configureService", "web", "threads=8", "motd=a b=c $(x)");
    assertEquals(0, second.exit(), second.output());
    Path file = dir.resolve("web.conf");
    assertEquals(List.of("port=8080", "threads=8", "motd=a b=c $(x)"), Files.readAllLines(file));
    assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertUsage(run(env, "configureService", "../web", "a=b"), "a service name");
    assertUsage(run(env, "configureService", "web", "novalue"), "is not KEY=VALUE");
    assertUsage(run(env, "configureService", "web", "1x=2"), "is not a key");
    assertEquals(
        List.of("port=8080", "threads=8", "motd=a b=c $(x)"),
        Files.readAllLines(file),
        "a refused call changes nothing");
  }

  @Test
  void shouldArchiveAServiceDirectory() throws Exception {
    Path service = Files.createTempDirectory("service-");
    Files.writeString(service.resolve("data.txt"), "precious\n");
    Path backups = Files.createTempDirectory("backups-");
    Run run =
        run(
            Map.of("STRATUS_BACKUP_DIR", backups.toString()),
            "backupService",
            service.toString(),
            "svc");
    assertEquals(0, run.exit(), run.output());
    Path archive = Path.of(run.output().strip());
    assertTrue(archive.startsWith(backups) && archive.getFileName().toString().startsWith("svc-"));
    assertEquals(
        "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(archive)));
    Process list = new ProcessBuilder("tar", "-tzf", archive.toString()).start();
    String entries = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(entries.contains(service.getFileName() + "/data.txt"), entries);
    assertUsage(run("backupService", "/"), "may not be /");
    Run missing =
        run(Map.of("STRATUS_BACKUP_DIR", backups.toString()), "backupService", "/no/such/dir");
    assertEquals(1, missing.exit());
    assertFalse(missing.output().isEmpty());
  }
}
