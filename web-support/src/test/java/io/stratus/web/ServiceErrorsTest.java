package io.stratus.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpRequestMethodNotSupportedException;

class ServiceErrorsTest {
  record Key(String version, String publicPart) {}

  private final List<Integer> refused = new ArrayList<>();
  private final ServiceErrors errors =
      new ServiceErrors("the test service", (request, status, why) -> refused.add(status)) {};
  private final HttpServletRequest request = request("POST", "/keys");

  @Test
  void shouldAnswerAnUnexpectedFailureWithoutItsMessage() {
    ResponseEntity<byte[]> answer =
        errors.failure(new IllegalStateException("password=hunter2"), request);
    assertEquals(500, answer.getStatusCode().value());
    assertEquals("{\"error\":{\"message\":\"internal error\"}}", body(answer));
    assertEquals(List.of(500), refused);
  }

  @Test
  void shouldNameAnUnknownFieldWithoutQuotingValues() {
    ResponseEntity<byte[]> answer =
        errors.unreadable(unreadable("{\"version\":\"v\",\"customerId\":\"secret-7\"}"), request);
    assertEquals(400, answer.getStatusCode().value());
    assertEquals("{\"error\":{\"message\":\"unknown field 'customerId'\"}}", body(answer));
  }

  @Test
  void shouldSayWhatTypeAFieldMustBe() {
    ResponseEntity<byte[]> answer =
        errors.unreadable(unreadable("{\"publicPart\":{\"a\":\"secret\"}}"), request);
    assertEquals(400, answer.getStatusCode().value());
    assertEquals("{\"error\":{\"message\":\"field 'publicPart' must be a string\"}}", body(answer));
  }

  @Test
  void shouldRefuseJsonThatDoesNotParse() {
    ResponseEntity<byte[]> answer = errors.unreadable(unreadable("{\"version\": \"v"), request);
    assertEquals(400, answer.getStatusCode().value());
    assertEquals("{\"error\":{\"message\":\"the body is not valid JSON\"}}", body(answer));
  }

  @Test
  void shouldAnswer413WhenTheBodyRanOverWhileRead() {
    HttpMessageNotReadableException e =
        new HttpMessageNotReadableException("I/O", new BodyTooLargeException(10), null);
    ResponseEntity<byte[]> answer = errors.unreadable(e, request);
    assertEquals(413, answer.getStatusCode().value());
  }

  @Test
  void shouldAnswer503WithRetryAfterWhenTheDatabaseIsDown() {
    ResponseEntity<byte[]> answer =
        errors.failure(
            new RuntimeException(new SQLTransientConnectionException("db.internal:3306")), request);
    assertEquals(503, answer.getStatusCode().value());
    assertEquals("5", answer.getHeaders().getFirst("Retry-After"));
    assertFalse(body(answer).contains("db.internal"), body(answer));
  }

  @Test
  void shouldAnswer405WithTheAllowedMethods() {
    ResponseEntity<byte[]> answer =
        errors.method(
            new HttpRequestMethodNotSupportedException("PATCH", Set.of("GET")),
            request("PATCH", "/keys/5"));
    assertEquals(405, answer.getStatusCode().value());
    assertEquals("GET", answer.getHeaders().getFirst("Allow"));
    assertEquals(
        "{\"error\":{\"message\":\"PATCH is not allowed here; allowed: [GET]\"}}", body(answer));
  }

  private static HttpMessageNotReadableException unreadable(String json) {
    try {
      ServiceJson.strict().readValue(json, Key.class);
      throw new AssertionError("read " + json);
    } catch (IOException e) {
      return new HttpMessageNotReadableException("JSON", e, null);
    }
  }

  private static String body(ResponseEntity<byte[]> answer) {
    return new String(answer.getBody(), StandardCharsets.UTF_8);
  }

  /** A request that answers its method and path; nothing else is asked of it here. */
  private static HttpServletRequest request(String method, String path) {
    return (HttpServletRequest)
        Proxy.newProxyInstance(
            ServiceErrorsTest.class.getClassLoader(),
            new Class<?>[] {HttpServletRequest.class},
            (proxy, called, args) ->
                switch (called.getName()) {
                  case "getMethod" -> method;
                  case "getRequestURI" -> path;
                  default -> null;
                });
  }
}
