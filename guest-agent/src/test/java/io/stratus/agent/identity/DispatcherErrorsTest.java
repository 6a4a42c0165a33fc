package io.stratus.agent.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DispatcherErrorsTest {
  @Test
  void shouldReadTheDispatchersOwnErrorBody() {
    assertEquals(
        "the token was already used",
        DispatcherClient.errorMessage("{\"error\":\"the token was already used\"}"));
  }

  @Test
  void shouldReadAnEnStratusStyleErrorBody() {
    assertEquals("expired", DispatcherClient.errorMessage("{\"error\":{\"message\":\"expired\"}}"));
  }

  @Test
  void shouldFallBackToTheTextWhenItIsNotJson() {
    assertEquals("Bad Gateway", DispatcherClient.errorMessage(" Bad Gateway \n"));
    assertEquals("(no message)", DispatcherClient.errorMessage(""));
  }
}
