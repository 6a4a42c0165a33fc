package io.stratus.console.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SameOriginRedirectsTest {
  @Test
  void shouldPrefixTheContextPathToAPath() {
    assertEquals("/signin?error=failed", SameOriginRedirects.path("", "/signin?error=failed"));
    assertEquals("/console/signin", SameOriginRedirects.path("/console", "/signin"));
  }

  @Test
  void shouldKeepOnlyThePathAndQueryOfAnAbsoluteUrl() {
    assertEquals(
        "/servers?continue",
        SameOriginRedirects.path("", "https://127.0.0.1:8443/servers?continue"));
    assertEquals("/servers", SameOriginRedirects.path("", "https://evil.example:8080/servers"));
    assertEquals("/", SameOriginRedirects.path("", "https://evil.example"));
  }

  @Test
  void shouldNeverLeadToAnotherHost() {
    assertEquals("/x", SameOriginRedirects.path("", "//evil.example/x"));
    assertEquals("/x", SameOriginRedirects.path("", "https://a.example//x"));
    assertEquals("/", SameOriginRedirects.path("", "https://a b"));
  }
}
