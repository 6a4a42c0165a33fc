package io.stratus.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class AgentSettingsTest {
  private static final Path HOME = Path.of("/services/agent");
  private static final Path INSTALL = Path.of("/opt/stratus-agent");

  private static AgentSettings settings(Map<String, String> env, String... pairs) {
    Properties p = new Properties();
    for (int i = 0; i < pairs.length; i += 2) {
      p.setProperty(pairs[i], pairs[i + 1]);
    }
    return AgentSettings.of(HOME, INSTALL, null, p, env, "agent.properties");
  }

  @Test
  void shouldDefaultEverythingFromTheHomeAndTheVmsEnvironment() {
    AgentSettings s =
        settings(
            Map.of(
                "STRATUS_VM_ADDRESS", "127.42.0.7",
                "STRATUS_METADATA_URL", "http://127.0.0.1:7440/metadata/vm-1/user-data"));
    assertEquals(HOME.resolve("state"), s.stateDir());
    assertEquals("127.42.0.7", s.listenAddress());
    assertEquals(2003, s.port());
    assertEquals(URI.create("http://127.0.0.1:7440/metadata/vm-1/user-data"), s.userDataUrl());
    assertNull(s.userDataFile());
    assertEquals(INSTALL.resolve("scripts"), s.scriptsDir());
    assertEquals(HOME.resolve("custom"), s.customDir());
    assertEquals(Duration.ofSeconds(300), s.scriptTimeout());
    assertEquals(Map.of("agent", HOME.resolve("log/agent.log")), s.logs());
  }

  @Test
  void shouldListenEverywhereWithoutAVmAddress() {
    assertEquals("0.0.0.0", settings(Map.of()).listenAddress());
    assertNull(settings(Map.of()).userDataUrl());
  }

  @Test
  void shouldTakeTheFileOverTheEnvironmentAndResolvePathsAgainstTheHome() {
    AgentSettings s =
        settings(
            Map.of("STRATUS_METADATA_URL", "http://x/"),
            "user-data.file",
            "etc/user-data",
            "log.syslog",
            "/var/log/syslog",
            "log.agent",
            "/var/log/stratus-agent.log",
            "script.timeout",
            "5m",
            "listen-address",
            "10.0.0.5",
            "port",
            "2004");
    assertEquals(HOME.resolve("etc/user-data"), s.userDataFile());
    assertNull(s.userDataUrl());
    assertEquals(Path.of("/var/log/syslog"), s.logs().get("syslog"));
    assertEquals(Path.of("/var/log/stratus-agent.log"), s.agentLog());
    assertEquals(Duration.ofMinutes(5), s.scriptTimeout());
    assertEquals("10.0.0.5", s.listenAddress());
    assertEquals(2004, s.port());
  }

  @Test
  void shouldRefuseUnknownKeysAndBadValuesNamingTheKey() {
    assertMessage("unknown key 'prot'", "prot", "2003");
    assertMessage("port", "port", "70000");
    assertMessage("script.timeout", "script.timeout", "2h");
    assertMessage("script.timeout", "script.timeout", "0");
    assertMessage("user-data.url", "user-data.url", "ftp://x/");
    assertMessage("log.bad name", "log.bad name", "/x");
    assertMessage("exclusive", "user-data.url", "http://x/", "user-data.file", "/etc/user-data");
  }

  private static void assertMessage(String expected, String... pairs) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> settings(Map.of(), pairs));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    assertTrue(e.getMessage().startsWith("agent.properties: "), e.getMessage());
  }

  @Test
  void shouldLetTheCommandLineChooseTheStateDirectory() {
    AgentSettings s =
        AgentSettings.of(HOME, INSTALL, Path.of("/var/lib/agent"), new Properties(), Map.of(), "x");
    assertEquals(Path.of("/var/lib/agent"), s.stateDir());
  }
}
