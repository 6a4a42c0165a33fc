package io.stratus.security.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratus.api.Api;
import io.stratus.api.support.ApiClient;
import io.stratus.api.support.ApiClient.Answer;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A customer's work on the local cloud through the signed API, as a script would do it: register
 * the account, find a region's data centre, image and product, and launch, create and request
 * resources, each followed to the end of its job.
 */
public final class CloudWork {
  public static final String B = Api.BASE;
  private static final Duration JOB_LIMIT = Duration.ofSeconds(120);

  private final ApiClient api;

  public CloudWork(ApiClient api) {
    this.api = api;
  }

  /** Registers an account with these credentials; returns its id once its job completes. */
  public long addAccount(long cloudId, String name, String accessKey, String secretKey)
      throws InterruptedException {
    Answer accepted =
        api.post(
            B + "/admin/Account",
            Map.of(
                "addAccount",
                List.of(
                    Map.of(
                        "name",
                        name,
                        "cloud",
                        Map.of("cloudId", cloudId),
                        "credentials",
                        Map.of("accessKey", accessKey, "secretKey", secretKey)))));
    return Long.parseLong(completed(accepted).path("message").asText());
  }

  /** The region of the account whose provider id is {@code providerRegion}. */
  public long region(long accountId, String providerRegion) {
    return idOf(
        "/geography/Region?accountId=" + accountId,
        "regions",
        "regionId",
        providerRegion,
        "no region " + providerRegion + " in account " + accountId);
  }

  public long dataCenter(long regionId) {
    return firstId("/geography/DataCenter?regionId=" + regionId, "dataCenters", "dataCenterId");
  }

  public long image(long regionId, String providerImage) {
    return idOf(
        "/infrastructure/MachineImage?regionId=" + regionId,
        "images",
        "machineImageId",
        providerImage,
        "no image " + providerImage + " in region " + regionId);
  }

  public long product(long regionId) {
    return firstId(
        "/infrastructure/ServerProduct?regionId=" + regionId, "serverProducts", "productId");
  }

  /** The {@code idField} of the listed member whose {@code providerId} is {@code providerId}. */
  private long idOf(
      String listing, String collection, String idField, String providerId, String missing) {
    for (JsonNode member : ok(api.get(B + listing)).path(collection)) {
      if (providerId.equals(member.path("providerId").asText())) {
        return member.path(idField).asLong();
      }
    }
    throw new AssertionError(missing);
  }

  /** The {@code idField} of the first listed member. */
  private long firstId(String listing, String collection, String idField) {
    return ok(api.get(B + listing)).path(collection).path(0).path(idField).asLong();
  }

  /** Launches a server; returns {serverId, jobId} once the launch completes. */
  public long[] launch(String name, long regionId, String providerImage)
      throws InterruptedException {
    Answer accepted =
        api.post(
            B + "/infrastructure/Server",
            Map.of(
                "launch",
                List.of(
                    Map.of(
                        "name", name,
                        "machineImage", Map.of("machineImageId", image(regionId, providerImage)),
                        "product", Map.of("productId", product(regionId)),
                        "dataCenter", Map.of("dataCenterId", dataCenter(regionId))))));
    JsonNode job = completed(accepted);
    return new long[] {Long.parseLong(job.path("message").asText()), accepted.jobId()};
  }

  public long addVolume(String name, long regionId) throws InterruptedException {
    return created(
        api.post(
            B + "/infrastructure/Volume",
            Map.of(
                "addVolume",
                List.of(
                    Map.of(
                        "name",
                        name,
                        "sizeInGb",
                        1,
                        "region",
                        Map.of("regionId", regionId),
                        "dataCenter",
                        Map.of("dataCenterId", dataCenter(regionId)))))));
  }

  public long snapshot(long volumeId, String name) throws InterruptedException {
    return created(
        api.post(
            B + "/infrastructure/Snapshot",
            Map.of(
                "createSnapshot",
                List.of(Map.of("volume", Map.of("volumeId", volumeId), "name", name)))));
  }

  public long requestAddress(long regionId) throws InterruptedException {
    return created(
        api.post(
            B + "/network/IpAddress",
            Map.of("requestAddress", List.of(Map.of("region", Map.of("regionId", regionId))))));
  }

  public long addFirewall(String name, long regionId) throws InterruptedException {
    return created(
        api.post(
            B + "/network/Firewall",
            Map.of(
                "addFirewall",
                List.of(
                    Map.of(
                        "name",
                        name,
                        "description",
                        name,
                        "region",
                        Map.of("regionId", regionId))))));
  }

  /** The created resource's id: the completed job's message. */
  private long created(Answer accepted) throws InterruptedException {
    return Long.parseLong(completed(accepted).path("message").asText());
  }

  /** Follows an accepted action's job; fails unless it completes. */
  public JsonNode completed(Answer accepted) throws InterruptedException {
    if (accepted.status() != 202) {
      throw new AssertionError("not accepted: " + accepted.status() + " " + accepted.raw());
    }
    JsonNode job = api.awaitJob(accepted.jobId(), JOB_LIMIT);
    if (!"COMPLETE".equals(job.path("status").asText())) {
      throw new AssertionError("job did not complete: " + job);
    }
    return job;
  }

  /** The job, once it has ended (any outcome). */
  public JsonNode ended(long jobId) throws InterruptedException {
    return api.awaitJob(jobId, JOB_LIMIT);
  }

  private static JsonNode ok(Answer answer) {
    if (answer.status() != 200) {
      throw new AssertionError(answer.status() + " " + answer.raw());
    }
    return answer.body();
  }
}
