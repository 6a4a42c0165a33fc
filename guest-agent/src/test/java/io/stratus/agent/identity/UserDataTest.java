package io.stratus.agent.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class UserDataTest {
  private static final String CA = TestCertificates.base64(Duration.ofDays(1));

  @Test
  void shouldReadTheAgentsKeysAndIgnoreTheRest() {
    UserData data =
        UserData.parse(
            "#!/bin/sh\necho hello\nrole=web\n"
                + "stratus.agent.dispatcher=https://127.0.0.1:3302/\n"
                + "stratus.agent.server-id=42\n"
                + "stratus.agent.token=abc-DEF_123\n"
                + "stratus.agent.ca="
                + CA
                + "\n");
    assertEquals(URI.create("https://127.0.0.1:3302"), data.dispatcher());
    assertEquals(42, data.serverId());
    assertEquals("abc-DEF_123", data.token());
    assertFalse(data.toString().contains("abc-DEF_123"), "the token is never printed");
  }

  @Test
  void shouldNameWhatIsMissingOrWrong() {
    String good = "stratus.agent.server-id=1\nstratus.agent.token=t\nstratus.agent.ca=" + CA + "\n";
    assertMessage("has no stratus.agent.dispatcher", good);
    assertMessage("must be an https URL", good + "stratus.agent.dispatcher=http://x:3302\n");
    assertMessage(
        "stratus.agent.ca",
        "stratus.agent.dispatcher=https://x\nstratus.agent.server-id=1\n"
            + "stratus.agent.token=t\nstratus.agent.ca=bm90IGEgY2VydA==\n");
    assertMessage(
        "server-id is not a number",
        "stratus.agent.dispatcher=https://x\nstratus.agent.server-id=x\n"
            + "stratus.agent.token=t\nstratus.agent.ca="
            + CA);
  }

  private static void assertMessage(String expected, String text) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> UserData.parse(text));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
