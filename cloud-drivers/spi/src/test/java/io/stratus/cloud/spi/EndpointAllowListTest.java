package io.stratus.cloud.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointAllowListTest {
  private static final String CATALOGUE = "http://127.0.0.1:7440/";

  @Test
  void shouldUseTheCataloguesEndpointAndRefuseAnyOtherByDefault() {
    EndpointAllowList none = EndpointAllowList.none();
    assertEquals(CATALOGUE, none.resolve(CATALOGUE, null));
    assertEquals(CATALOGUE, none.resolve(CATALOGUE, CATALOGUE));
    CloudException e =
        assertThrows(CloudException.class, () -> none.resolve(CATALOGUE, "http://127.0.0.1:3306/"));
    assertEquals(CloudErrorType.INVALID_REQUEST, e.type());
    assertTrue(e.getMessage().contains("'endpoint'"), e.getMessage());
    assertThrows(CloudException.class, () -> none.resolve(null, null));
  }

  @Test
  void shouldAllowOnlyListedPrefixesAtAPathBoundaryAndExactHostPorts() {
    EndpointAllowList list =
        EndpointAllowList.of(List.of("https://api.example.net/v2", "10.0.0.5:7440"));
    assertTrue(list.allows("https://API.example.net/v2/"));
    assertTrue(list.allows("https://api.example.net:443/v2/regions"));
    assertFalse(list.allows("https://api.example.net/v20/"));
    assertFalse(list.allows("https://api.example.net/v2/../admin"));
    assertFalse(list.allows("https://user:pw@api.example.net/v2/"));
    assertFalse(list.allows("http://api.example.net/v2/"));
    assertTrue(list.allows("http://10.0.0.5:7440/"));
    assertFalse(list.allows("http://10.0.0.5:7441/"));
    assertFalse(list.allows("file:///etc/passwd"));
    assertEquals("http://10.0.0.5:7440/", list.resolve(CATALOGUE, "http://10.0.0.5:7440/"));
  }

  @Test
  void shouldRefuseAMalformedEntry() {
    assertThrows(IllegalArgumentException.class, () -> EndpointAllowList.of(List.of("ftp://x/")));
    assertThrows(
        IllegalArgumentException.class, () -> EndpointAllowList.of(List.of("just-a-host")));
  }

  @Test
  void shouldReduceACloudsTextToOneBoundedPrintableLine() {
    String body = "refused:\nFAKE ERROR line\r\n\u0007" + "x".repeat(5000);
    String summary = CloudMessages.summary(body);
    assertTrue(summary.startsWith("refused: FAKE ERROR line x"), summary);
    assertEquals(CloudMessages.MAX_LENGTH + 1, summary.length());
    assertFalse(summary.chars().anyMatch(Character::isISOControl), summary);
    assertEquals(summary, new CloudException(CloudErrorType.GENERAL, body).getMessage());
  }
}
