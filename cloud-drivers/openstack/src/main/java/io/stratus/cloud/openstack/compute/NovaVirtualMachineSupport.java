package io.stratus.cloud.openstack.compute;

import io.stratus.cloud.openstack.http.ServiceClient;
import io.stratus.cloud.spi.CloudErrorType;
import io.stratus.cloud.spi.CloudException;
import io.stratus.cloud.spi.Page;
import io.stratus.cloud.spi.PageRequest;
import io.stratus.cloud.spi.compute.AbstractVirtualMachineSupport;
import io.stratus.cloud.spi.compute.ServerProduct;
import io.stratus.cloud.spi.compute.VirtualMachine;
import io.stratus.cloud.spi.compute.VirtualMachineCapabilities;
import io.stratus.cloud.spi.compute.VmFilter;
import io.stratus.cloud.spi.compute.VmLaunchOptions;
import io.stratus.cloud.spi.compute.VmState;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Servers in one region, through Nova 2.1 at the negotiated microversion. A launch's client token
 * is kept in the server's metadata ({@value #CLIENT_TOKEN}); a launch with a token first looks for
 * a server of that name carrying it, so a retried launch returns the first one's server.
 */
public final class NovaVirtualMachineSupport extends AbstractVirtualMachineSupport {
  /** The metadata key holding a launch's client token. */
  public static final String CLIENT_TOKEN = "stratus-client-token";

  /** Nova's limit on user data: 65,535 bytes once base64-encoded. */
  private static final int MAX_USER_DATA = 65535;

  private final ServiceClient nova;
  private final Microversion version;
  private final String region;
  private final NovaCapabilities capabilities;
  private final Predicate<String> imageExists;

  /**
   * @param imageExists whether the image service knows an image (a launch naming an unknown one is
   *     NOT_FOUND before Nova is asked)
   */
  public NovaVirtualMachineSupport(
      ServiceClient compute,
      String region,
      boolean supportsFirewalls,
      boolean hasNetworks,
      Predicate<String> imageExists) {
    this.version = Microversion.negotiate(compute);
    this.nova = compute.withHeader("OpenStack-API-Version", "compute " + version);
    this.region = region;
    this.capabilities = new NovaCapabilities(supportsFirewalls, hasNetworks);
    this.imageExists = imageExists;
  }

  /** The microversion this support speaks, e.g. {@code 2.46}. */
  public String microversion() {
    return version.toString();
  }

  @Override
  public VirtualMachineCapabilities capabilities() {
    return capabilities;
  }

  @Override
  public VirtualMachine launch(VmLaunchOptions options) {
    if (options.clientToken() != null) {
      Optional<VirtualMachine> earlier = findByClientToken(options.name(), options.clientToken());
      if (earlier.isPresent()) {
        return earlier.get();
      }
    }
    if (!imageExists.test(options.imageId())) {
      throw new CloudException(
          CloudErrorType.NOT_FOUND, "the cloud has no image " + options.imageId());
    }
    ServerCreate.Created created =
        nova.post("servers", new ServerCreate(server(options, null)))
            .as(ServerCreate.Created.class);
    return get(created.server().id())
        .orElseThrow(
            () ->
                new CloudException(
                    CloudErrorType.GENERAL,
                    "Nova accepted server " + created.server().id() + " but does not show it"));
  }

  /**
   * Launches {@code count} servers in one request (Nova's {@code min_count}), for tests and bulk
   * launches; they are named {@code name-1} .. {@code name-count} by Nova.
   */
  public void launchMany(VmLaunchOptions options, int count) {
    nova.post("servers", new ServerCreate(server(options, count)));
  }

  private ServerCreate.Server server(VmLaunchOptions options, Integer count) {
    String userData = null;
    if (options.userData() != null) {
      userData =
          Base64.getEncoder().encodeToString(options.userData().getBytes(StandardCharsets.UTF_8));
      if (userData.length() > MAX_USER_DATA) {
        throw new CloudException(
            CloudErrorType.INVALID_REQUEST,
            "user data is over Nova's limit of " + MAX_USER_DATA + " bytes once encoded");
      }
    }
    List<Map<String, String>> groups = null;
    if (!options.firewallIds().isEmpty()) {
      if (!capabilities.supportsFirewalls()) {
        throw new CloudException(
            CloudErrorType.INVALID_REQUEST, "this cloud has no security groups (no Neutron)");
      }
      groups = options.firewallIds().stream().map(id -> Map.of("name", id)).toList();
    }
    Object networks =
        version.atLeast(2, 37) ? (capabilities.assignsPrivateAddresses() ? "auto" : "none") : null;
    return new ServerCreate.Server(
        options.name(),
        options.imageId(),
        options.productId(),
        options.dataCenterId(),
        userData,
        null,
        groups,
        options.clientToken() == null ? null : Map.of(CLIENT_TOKEN, options.clientToken()),
        networks,
        count,
        count);
  }

  private Optional<VirtualMachine> findByClientToken(String name, String token) {
    String query = "servers/detail?name=" + encode("^" + regexQuote(name) + "$");
    return nova.get(query).as(NovaServer.Many.class).servers().stream()
        .filter(s -> s.metadata() != null && token.equals(s.metadata().get(CLIENT_TOKEN)))
        .map(this::toVm)
        .filter(vm -> vm.state() != VmState.TERMINATED)
        .findFirst();
  }

  /**
   * Pages with Nova's {@code limit} and {@code marker}. Nova lists servers still being scheduled
   * (build requests) before the others, so a server that is scheduled between two pages can come
   * back on a later page; the page token carries, besides the marker, the ids of the building
   * servers already listed (up to {@link #MAX_REMEMBERED}), and those are not listed twice.
   */
  @Override
  public Page<VirtualMachine> list(VmFilter filter, PageRequest page) {
    ListToken token = ListToken.parse(page.token());
    StringBuilder query = new StringBuilder("servers/detail?limit=").append(page.size());
    if (token.marker() != null) {
      query.append("&marker=").append(encode(token.marker()));
    }
    if (filter.namePrefix() != null) {
      query.append("&name=").append(encode("^" + regexQuote(filter.namePrefix())));
    }
    NovaServer.Many answer = nova.get(query.toString()).as(NovaServer.Many.class);
    List<NovaServer> servers = answer.servers() == null ? List.of() : answer.servers();
    List<VirtualMachine> items = new ArrayList<>();
    List<String> building = new ArrayList<>(token.building());
    for (NovaServer server : servers) {
      if (token.building().contains(server.id())) {
        continue;
      }
      if ("BUILD".equals(server.status()) && building.size() < MAX_REMEMBERED) {
        building.add(server.id());
      }
      VirtualMachine vm = toVm(server);
      if (filter.matches(vm)) {
        items.add(vm);
      }
    }
    boolean more =
        answer.links() != null
            && answer.links().stream().anyMatch(l -> "next".equals(l.rel()))
            && !servers.isEmpty();
    return new Page<>(
        items,
        more ? new ListToken(servers.get(servers.size() - 1).id(), building).toString() : null);
  }

  /** How many building servers' ids a page token remembers. */
  static final int MAX_REMEMBERED = 50;

  /** A page token: Nova's marker, then the ids of building servers already listed. */
  record ListToken(String marker, List<String> building) {
    static ListToken parse(String token) {
      if (token == null || token.isBlank()) {
        return new ListToken(null, List.of());
      }
      List<String> parts = List.of(token.split(","));
      return new ListToken(parts.get(0), parts.subList(1, parts.size()));
    }

    @Override
    public String toString() {
      return building.isEmpty() ? marker : marker + "," + String.join(",", building);
    }
  }

  @Override
  public Optional<VirtualMachine> get(String vmId) {
    return nova.find("servers/" + encode(vmId)).map(r -> toVm(r.as(NovaServer.One.class).server()));
  }

  @Override
  public void start(String vmId) {
    action(vmId, Map.of("os-start", Map.of()));
  }

  @Override
  public void stop(String vmId) {
    action(vmId, Map.of("os-stop", Map.of()));
  }

  @Override
  public void reboot(String vmId) {
    action(vmId, Map.of("reboot", Map.of("type", "SOFT")));
  }

  @Override
  public void terminate(String vmId) {
    nova.delete("servers/" + encode(vmId));
  }

  @Override
  public List<ServerProduct> listProducts() {
    return nova.get("flavors/detail").as(NovaFlavor.Many.class).flavors().stream()
        .map(f -> new ServerProduct(f.id(), f.name(), f.vcpus(), f.ram(), f.disk()))
        .toList();
  }

  /** Asks Nova to make an image of a server; answers the new image's id. */
  public String createImage(String vmId, String name) {
    var reply =
        nova.post(
            "servers/" + encode(vmId) + "/action",
            Map.of("createImage", Map.of("name", name, "metadata", Map.of())));
    if (version.atLeast(2, 45)) {
      return reply.as(ImageCreated.class).imageId();
    }
    String location =
        reply
            .header("Location")
            .orElseThrow(
                () ->
                    new CloudException(
                        CloudErrorType.COMMUNICATION, "Nova named no image for the capture"));
    return location.substring(location.lastIndexOf('/') + 1);
  }

  @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
  record ImageCreated(@com.fasterxml.jackson.annotation.JsonProperty("image_id") String imageId) {}

  private void action(String vmId, Object body) {
    nova.post("servers/" + encode(vmId) + "/action", body);
  }

  private VirtualMachine toVm(NovaServer s) {
    String fixed = null;
    String floating = null;
    if (s.addresses() != null) {
      for (List<NovaServer.Address> addresses : s.addresses().values()) {
        for (NovaServer.Address a : addresses) {
          if ("floating".equals(a.type())) {
            floating = floating == null ? a.addr() : floating;
          } else {
            fixed = fixed == null ? a.addr() : fixed;
          }
        }
      }
    }
    VmState state = ServerStates.of(s.status(), s.taskState());
    String reason =
        "ERROR".equals(s.status())
            ? "Nova reports an error" + (s.fault() == null ? "" : ": " + s.fault().message())
            : null;
    List<String> groups =
        s.securityGroups() == null
            ? List.of()
            : s.securityGroups().stream().map(NovaServer.Named::name).distinct().toList();
    return new VirtualMachine(
        s.id(),
        s.name(),
        region,
        s.availabilityZone(),
        s.imageId(),
        s.flavor() == null ? null : s.flavor().id(),
        state,
        reason,
        fixed,
        floating,
        capabilities.supportsFirewalls() ? groups : List.of(),
        s.metadata() == null ? null : s.metadata().get(CLIENT_TOKEN),
        instant(s.created()));
  }

  private static Instant instant(String text) {
    try {
      return text == null ? null : Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  static String regexQuote(String literal) {
    StringBuilder out = new StringBuilder();
    for (char c : literal.toCharArray()) {
      if (!Character.isLetterOrDigit(c) && c != ' ' && c != '_' && c != '-') {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
