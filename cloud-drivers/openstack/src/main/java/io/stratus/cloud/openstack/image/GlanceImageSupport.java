package io.stratus.cloud.openstack.image;

import io.stratus.cloud.openstack.compute.NovaVirtualMachineSupport;
import io.stratus.cloud.openstack.http.ServiceClient;
import io.stratus.cloud.spi.CloudErrorType;
import io.stratus.cloud.spi.CloudException;
import io.stratus.cloud.spi.compute.ImageCapabilities;
import io.stratus.cloud.spi.compute.ImageState;
import io.stratus.cloud.spi.compute.ImageSupport;
import io.stratus.cloud.spi.compute.MachineImage;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Images through Glance v2; a capture is Nova's {@code createImage}, which this waits on (up to
 * {@link #CAPTURE_TIMEOUT}) until Glance has the image's bytes, so what it returns can be launched.
 */
public final class GlanceImageSupport implements ImageSupport {
  static final Duration CAPTURE_TIMEOUT = Duration.ofSeconds(120);

  private final ServiceClient glance;
  private final Optional<NovaVirtualMachineSupport> nova;

  /**
   * @param nova the region's servers, for captures (empty when the cloud has no compute)
   */
  public GlanceImageSupport(ServiceClient glance, Optional<NovaVirtualMachineSupport> nova) {
    this.glance = glance;
    this.nova = nova;
  }

  @Override
  public ImageCapabilities capabilities() {
    return new ImageCapabilities(nova.isPresent(), true);
  }

  @Override
  public List<MachineImage> list() {
    List<MachineImage> images = new ArrayList<>();
    String path = "v2/images?limit=200";
    while (path != null) {
      GlanceImage.Many page = glance.get(path).as(GlanceImage.Many.class);
      page.images().stream().map(GlanceImageSupport::toImage).forEach(images::add);
      // "next" is absolute from the root, e.g. /v2/images?marker=...&limit=200
      path = page.next() == null ? null : page.next().replaceFirst("^/", "");
    }
    return images;
  }

  @Override
  public Optional<MachineImage> get(String imageId) {
    return find(imageId).filter(i -> i.state() != ImageState.DELETED);
  }

  /** Whether Glance knows this image (in any state but deleted). */
  public boolean exists(String imageId) {
    return get(imageId).isPresent();
  }

  private Optional<MachineImage> find(String imageId) {
    return glance
        .find("v2/images/" + URLEncoder.encode(imageId, StandardCharsets.UTF_8))
        .map(r -> toImage(r.as(GlanceImage.class)));
  }

  @Override
  public MachineImage capture(String vmId, String name) {
    NovaVirtualMachineSupport servers =
        nova.orElseThrow(
            () -> new CloudException(CloudErrorType.INVALID_REQUEST, "this cloud has no compute"));
    String imageId = servers.createImage(vmId, name);
    long deadline = System.nanoTime() + CAPTURE_TIMEOUT.toNanos();
    while (true) {
      Optional<MachineImage> image = find(imageId);
      if (image.isEmpty() || image.get().state() == ImageState.DELETED) {
        throw new CloudException(
            CloudErrorType.GENERAL,
            "the capture of " + vmId + " failed: Glance dropped " + imageId);
      }
      if (image.get().state() == ImageState.ACTIVE || System.nanoTime() > deadline) {
        return image.get();
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return image.get();
      }
    }
  }

  @Override
  public void remove(String imageId) {
    glance.delete("v2/images/" + URLEncoder.encode(imageId, StandardCharsets.UTF_8));
  }

  private static MachineImage toImage(GlanceImage g) {
    ImageState state =
        switch (g.status() == null ? "" : g.status()) {
          case "active" -> ImageState.ACTIVE;
          case "deleted", "pending_delete", "killed" -> ImageState.DELETED;
          default -> ImageState.PENDING;
        };
    String platform =
        g.osDistro() != null ? g.osDistro() : g.osType() != null ? g.osType() : "unknown";
    return new MachineImage(
        g.id(),
        g.name() == null ? g.id() : g.name(),
        g.name(),
        platform,
        state,
        "public".equals(g.visibility()) || "community".equals(g.visibility()),
        g.instanceUuid(),
        "true".equalsIgnoreCase(g.stratusAgent()));
  }
}
