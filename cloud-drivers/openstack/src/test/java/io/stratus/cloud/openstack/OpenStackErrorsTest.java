package io.stratus.cloud.openstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratus.cloud.openstack.http.OpenStackErrors;
import io.stratus.cloud.spi.CloudErrorType;
import io.stratus.cloud.spi.CloudException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OpenStackErrorsTest {
  private static CloudException map(int status, String body) {
    return OpenStackErrors.map(status, "compute", body.getBytes(StandardCharsets.UTF_8), "req-1");
  }

  @Test
  void shouldMapEachStatusToItsType() {
    assertEquals(
        CloudErrorType.AUTHENTICATION,
        map(
                401,
                "{\"error\": {\"code\": 401, \"message\": \"The request you have made requires authentication.\", \"title\": \"Unauthorized\"}}")
            .type());
    assertEquals(
        CloudErrorType.AUTHENTICATION,
        map(403, "{\"forbidden\": {\"code\": 403, \"message\": \"Policy doesn't allow it\"}}")
            .type());
    assertEquals(
        CloudErrorType.NOT_FOUND,
        map(
                404,
                "{\"itemNotFound\": {\"code\": 404, \"message\": \"Instance x could not be found.\"}}")
            .type());
    assertEquals(
        CloudErrorType.INVALID_STATE,
        map(
                409,
                "{\"conflictingRequest\": {\"code\": 409, \"message\": \"Cannot 'stop' instance while it is in vm_state stopped\"}}")
            .type());
    assertEquals(
        CloudErrorType.THROTTLING,
        map(429, "{\"overLimit\": {\"code\": 429, \"message\": \"Rate limit exceeded\"}}").type());
    assertEquals(
        CloudErrorType.THROTTLING,
        map(413, "{\"overLimit\": {\"code\": 413, \"message\": \"Too many requests\"}}").type());
    assertEquals(
        CloudErrorType.COMMUNICATION,
        map(503, "<html><body>Service Unavailable</body></html>").type());
    assertEquals(CloudErrorType.COMMUNICATION, map(500, "").type());
    assertEquals(CloudErrorType.GENERAL, map(418, "").type());
  }

  @Test
  void shouldTellQuotaFromThrottlingAndFromPermissions() {
    assertEquals(
        CloudErrorType.QUOTA,
        map(
                403,
                "{\"forbidden\": {\"code\": 403, \"message\": \"Quota exceeded for instances: Requested 1, but already used 10 of 10 instances\"}}")
            .type());
    assertEquals(
        CloudErrorType.QUOTA,
        map(413, "{\"overLimit\": {\"code\": 413, \"message\": \"Quota exceeded for cores\"}}")
            .type());
  }

  @Test
  void shouldTellAMissingImageFromABadFlavor() {
    assertEquals(
        CloudErrorType.NOT_FOUND,
        map(400, "{\"badRequest\": {\"code\": 400, \"message\": \"Can not find requested image\"}}")
            .type());
    assertEquals(
        CloudErrorType.INVALID_REQUEST,
        map(
                400,
                "{\"badRequest\": {\"code\": 400, \"message\": \"Flavor no-such-size could not be found.\"}}")
            .type());
    assertEquals(
        CloudErrorType.INVALID_REQUEST,
        map(400, "{\"badRequest\": {\"code\": 400, \"message\": \"Invalid imageRef provided.\"}}")
            .type());
  }

  @Test
  void shouldKeepTheCloudsMessageCodeAndRequestId() {
    CloudException e =
        map(
            404,
            "{\"itemNotFound\": {\"code\": 404, \"message\": \"Instance abc could not be found.\"}}");
    assertTrue(e.getMessage().contains("Instance abc could not be found."), e.getMessage());
    assertTrue(e.getMessage().contains("req-1"), e.getMessage());
    assertEquals("itemNotFound", e.providerCode());
    assertEquals(404, e.httpCode());
    CloudException neutron =
        map(
            404,
            "{\"NeutronError\": {\"type\": \"NetworkNotFound\", \"message\": \"Network x could not be found.\", \"detail\": \"\"}}");
    assertEquals("NetworkNotFound", neutron.providerCode());
  }

  @Test
  void shouldBoundAnAnswerThatIsNotJson() {
    CloudException e = map(502, "<html>" + "x".repeat(5000) + "</html>");
    assertTrue(e.getMessage().length() < 300, e.getMessage().length() + " characters");
  }
}
