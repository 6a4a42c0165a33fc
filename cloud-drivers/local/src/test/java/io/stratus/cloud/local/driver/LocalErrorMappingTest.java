package io.stratus.cloud.local.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratus.cloud.spi.CloudErrorType;
import io.stratus.cloud.spi.CloudException;
import org.junit.jupiter.api.Test;

class LocalErrorMappingTest {
  private static CloudException map(int status, String code) throws Exception {
    return LocalApiClient.error(
        status, new ObjectMapper().readTree("{\"code\":\"" + code + "\",\"message\":\"m\"}"));
  }

  @Test
  void shouldMapEachDaemonCodeToOneType() throws Exception {
    assertEquals(CloudErrorType.THROTTLING, map(429, "Throttling").type());
    assertEquals(CloudErrorType.CAPACITY, map(503, "InsufficientCapacity").type());
    assertEquals(CloudErrorType.COMMUNICATION, map(502, "BadGateway").type());
    assertEquals(CloudErrorType.AUTHENTICATION, map(401, "AuthFailure").type());
    assertEquals(CloudErrorType.NOT_FOUND, map(404, "ImageNotFound").type());
    assertEquals(CloudErrorType.INVALID_STATE, map(409, "InvalidState").type());
    assertEquals(CloudErrorType.INVALID_REQUEST, map(400, "MalformedJson").type());
    assertEquals(CloudErrorType.COMMUNICATION, map(504, "Whatever").type());
    assertEquals(CloudErrorType.GENERAL, map(500, "InternalError").type());
  }

  @Test
  void shouldKeepTheHttpAndProviderCodes() throws Exception {
    CloudException e = map(429, "Throttling");
    assertEquals(429, e.httpCode());
    assertEquals("Throttling", e.providerCode());
  }
}
