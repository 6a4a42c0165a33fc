package io.stratus.api.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratus.api.Api;
import io.stratus.api.support.ApiClient.Answer;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A customer's account on the test platform's local cloud, registered through the API as Stratus'
 * own clients do, with what a launch needs read back through the API: a data centre, the image with
 * a given provider id, a product.
 *
 * @param accountId the registered account
 * @param regionId its first region
 * @param dataCenterId the region's first data centre
 * @param imageId the image asked for
 * @param productId the region's first server product
 */
public record LocalAccount(
    long accountId, long regionId, long dataCenterId, long imageId, long productId) {
  private static final String B = Api.BASE;

  /**
   * Puts the local cloud in the catalogue, registers the admin's customer on it and waits for the
   * job; {@code image} is the provider id of the image launches use (e.g. {@code img-http}).
   */
  public static LocalAccount register(
      ApiFixture fixture, ApiClient admin, String image, Duration limit)
      throws IOException, InterruptedException {
    long cloudId = fixture.platform().defineLocalCloud();
    Map<String, String> credentials = fixture.platform().cloud().credentials();
    Answer accepted =
        admin.post(
            B + "/admin/Account",
            Map.of(
                "addAccount",
                List.of(
                    Map.of(
                        "name",
                        "local",
                        "cloud",
                        Map.of("cloudId", cloudId),
                        "credentials",
                        Map.of(
                            "accessKey", credentials.get("accessKey"),
                            "secretKey", credentials.get("secretKey"))))));
    assertEquals(202, accepted.status(), accepted.raw());
    JsonNode job = admin.awaitJob(accepted.jobId(), limit);
    assertEquals("COMPLETE", job.path("status").asText(), job.toString());
    long accountId = Long.parseLong(job.path("message").asText());
    long regionId = first(admin, "/geography/Region?accountId=" + accountId, "regions", "regionId");
    long dataCenterId =
        first(admin, "/geography/DataCenter?regionId=" + regionId, "dataCenters", "dataCenterId");
    long imageId = 0;
    for (JsonNode found :
        admin.get(B + "/infrastructure/MachineImage?regionId=" + regionId).body().path("images")) {
      if (image.equals(found.path("providerId").asText())) {
        imageId = found.path("machineImageId").asLong();
      }
    }
    long productId =
        first(
            admin,
            "/infrastructure/ServerProduct?regionId=" + regionId,
            "serverProducts",
            "productId");
    assertTrue(dataCenterId > 0 && imageId > 0 && productId > 0, "the local cloud was listed");
    return new LocalAccount(accountId, regionId, dataCenterId, imageId, productId);
  }

  /** Launches a server through the API, waits for its job, and answers its id. */
  public long launch(ApiClient client, String name, Duration limit) throws InterruptedException {
    Answer launched =
        client.post(
            B + "/infrastructure/Server",
            Map.of(
                "launch",
                List.of(
                    Map.of(
                        "name", name,
                        "machineImage", Map.of("machineImageId", imageId),
                        "product", Map.of("productId", productId),
                        "dataCenter", Map.of("dataCenterId", dataCenterId)))));
    assertEquals(202, launched.status(), launched.raw());
    JsonNode job = client.awaitJob(launched.jobId(), limit);
    assertEquals("COMPLETE", job.path("status").asText(), job.toString());
    return Long.parseLong(job.path("message").asText());
  }

  private static long first(ApiClient admin, String path, String collection, String id) {
    return admin.get(B + path).body().path(collection).path(0).path(id).asLong();
  }
}
