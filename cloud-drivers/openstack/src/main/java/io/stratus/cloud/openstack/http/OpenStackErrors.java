package io.stratus.cloud.openstack.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratus.cloud.spi.CloudErrorType;
import io.stratus.cloud.spi.CloudException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * The one place where what an OpenStack service answered becomes the SPI's taxonomy. The cloud's
 * own message and request id stay on the exception (as its message and provider code); the request
 * that was sent (and so any credential in it) never does.
 */
public final class OpenStackErrors {
  private static final ObjectMapper JSON = new ObjectMapper();

  private OpenStackErrors() {}

  /**
   * The exception for an error answer.
   *
   * @param service the service that answered (compute, identity, image, network), for the message
   * @param requestId the answer's {@code x-openstack-request-id} (or {@code x-compute-request-id}),
   *     or null
   */
  public static CloudException map(int status, String service, byte[] body, String requestId) {
    Fault fault = fault(body);
    String text = fault.message == null ? "HTTP " + status : fault.message;
    String lower = text.toLowerCase(Locale.ROOT);
    boolean quota = lower.contains("quota exceeded") || lower.contains("exceeds quota");
    CloudErrorType type =
        switch (status) {
          case 400 ->
              imageMissing(lower) ? CloudErrorType.NOT_FOUND : CloudErrorType.INVALID_REQUEST;
          case 401 -> CloudErrorType.AUTHENTICATION;
          case 403 -> quota ? CloudErrorType.QUOTA : CloudErrorType.AUTHENTICATION;
          case 404 -> CloudErrorType.NOT_FOUND;
          case 409 -> CloudErrorType.INVALID_STATE;
          case 413, 429 -> quota ? CloudErrorType.QUOTA : CloudErrorType.THROTTLING;
          default -> status >= 500 ? CloudErrorType.COMMUNICATION : CloudErrorType.GENERAL;
        };
    String message =
        "OpenStack "
            + service
            + " answered "
            + status
            + ": "
            + text
            + (requestId == null ? "" : " (request " + requestId + ")");
    String code = fault.code != null ? fault.code : requestId;
    return new CloudException(type, status, code, message, null);
  }

  /** Nova answers 400 for a launch naming an image Glance does not have. */
  private static boolean imageMissing(String message) {
    return message.contains("can not find requested image")
        || message.contains("image") && message.contains("could not be found");
  }

  private record Fault(String code, String message) {}

  /**
   * Nova and Cinder: {@code {"itemNotFound": {"message": ..., "code": 404}}}; Keystone: {@code
   * {"error": {"message": ..., "title": ...}}}; Neutron: {@code {"NeutronError": {"type": ...,
   * "message": ...}}}; Glance: often plain text.
   */
  private static Fault fault(byte[] body) {
    if (body == null || body.length == 0) {
      return new Fault(null, null);
    }
    try {
      JsonNode root = JSON.readTree(body);
      if (root != null && root.isObject()) {
        Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
        while (fields.hasNext()) {
          Map.Entry<String, JsonNode> field = fields.next();
          JsonNode inner = field.getValue();
          if (inner.isObject() && inner.hasNonNull("message")) {
            String code =
                inner.hasNonNull("type")
                    ? inner.get("type").asText()
                    : inner.hasNonNull("title") ? inner.get("title").asText() : field.getKey();
            return new Fault(code, inner.get("message").asText());
          }
        }
        if (root.hasNonNull("message")) {
          return new Fault(null, root.get("message").asText());
        }
      }
    } catch (IOException notJson) {
      // plain text (Glance, a proxy): its first lines, bounded by CloudMessages
    }
    String text = new String(body, StandardCharsets.UTF_8).replaceAll("<[^>]*>", " ");
    return new Fault(null, text);
  }
}
