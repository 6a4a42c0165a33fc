package io.stratus.cloud.local.driver;

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
import io.stratus.cloud.spi.compute.VmSample;
import io.stratus.cloud.spi.compute.VmState;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Virtual machines of one local-cloud region. */
final class LocalVirtualMachineSupport extends AbstractVirtualMachineSupport {
  private static final VirtualMachineCapabilities CAPABILITIES =
      new VirtualMachineCapabilities() {
        @Override
        public Pattern namePattern() {
          return Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
        }

        @Override
        public String nameRule() {
          return "1 to 64 letters, digits, dots, dashes or underscores, beginning with a letter or"
              + " a digit";
        }

        @Override
        public int maxNameLength() {
          return 64;
        }

        @Override
        public boolean requiresDataCenter() {
          return false;
        }

        @Override
        public boolean supportsUserData() {
          return true;
        }

        @Override
        public boolean supportsClientToken() {
          return true;
        }

        @Override
        public boolean supportsFirewalls() {
          return true;
        }

        @Override
        public boolean supportsSamples() {
          return true;
        }

        @Override
        public int maxMachines() {
          return 0;
        }
      };

  private final LocalApiClient api;
  private final String base;

  LocalVirtualMachineSupport(LocalApiClient api, String base) {
    this.api = api;
    this.base = base + "/vms";
  }

  @Override
  public VirtualMachineCapabilities capabilities() {
    return CAPABILITIES;
  }

  @Override
  public VirtualMachine launch(VmLaunchOptions options) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("imageId", options.imageId());
    body.put("productId", options.productId());
    body.put("dataCenterId", options.dataCenterId());
    body.put("name", options.name());
    body.put("userData", options.userData());
    body.put("firewallIds", options.firewallIds());
    body.put("clientToken", options.clientToken());
    return Json.vm(api.post(base, body));
  }

  @Override
  public Page<VirtualMachine> list(VmFilter filter, PageRequest page) {
    StringBuilder query = new StringBuilder(base).append("?pageSize=").append(page.size());
    if (page.token() != null) {
      query.append("&pageToken=").append(encode(page.token()));
    }
    if (!filter.states().isEmpty()) {
      query
          .append("&state=")
          .append(filter.states().stream().map(VmState::name).collect(Collectors.joining(",")));
    }
    if (filter.namePrefix() != null) {
      query.append("&namePrefix=").append(encode(filter.namePrefix()));
    }
    return api.get(query.toString(), Json::vmPage);
  }

  @Override
  public Optional<VirtualMachine> get(String vmId) {
    return api.find(base + "/" + encode(vmId)).map(Json::vm);
  }

  @Override
  public void start(String vmId) {
    api.post(base + "/" + encode(vmId) + "/start", Map.of());
  }

  @Override
  public void stop(String vmId) {
    api.post(base + "/" + encode(vmId) + "/stop", Map.of());
  }

  @Override
  public void reboot(String vmId) {
    api.post(base + "/" + encode(vmId) + "/reboot", Map.of());
  }

  @Override
  public void terminate(String vmId) {
    api.delete(base + "/" + encode(vmId));
  }

  @Override
  public List<ServerProduct> listProducts() {
    return Json.items(api.get(base.replace("/vms", "/products")), Json::product);
  }

  @Override
  public Optional<VmSample> sample(String vmId) {
    try {
      var json = api.get(base + "/" + encode(vmId) + "/sample");
      return Optional.of(
          new VmSample(
              vmId,
              Instant.parse(json.path("at").asText()),
              json.path("cpuPercent").asDouble(),
              json.path("memoryBytes").asLong()));
    } catch (CloudException e) {
      if (e.type() == CloudErrorType.INVALID_STATE) {
        return Optional.empty();
      }
      throw e;
    }
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
