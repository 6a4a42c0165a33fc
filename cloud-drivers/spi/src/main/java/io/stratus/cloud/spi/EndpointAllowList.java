package io.stratus.cloud.spi;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where a cloud's endpoint may point besides the catalogue's: the operator's list (the key {@code
 * cloud.endpoint.allow} of the Dispatcher and the workers), empty by default. Each entry is either
 * a URL prefix ({@code https://api.example.net/v2/}) that an endpoint must start with at a path
 * boundary, or a {@code host:port} an endpoint must name exactly. The catalogue's endpoint (the
 * cloud row an operator added) is always allowed; a field a driver marks {@link
 * ConfigField#operatorProvided() operator-provided} takes any other value only from this list.
 */
public final class EndpointAllowList {
  /** The endpoint field's name, by convention of every driver. */
  public static final String ENDPOINT = "endpoint";

  private static final EndpointAllowList NONE = new EndpointAllowList(List.of(), List.of());

  private final List<String> prefixes;
  private final List<String> hostPorts;

  private EndpointAllowList(List<String> prefixes, List<String> hostPorts) {
    this.prefixes = List.copyOf(prefixes);
    this.hostPorts = List.copyOf(hostPorts);
  }

  /** Nothing but the catalogue's endpoints. */
  public static EndpointAllowList none() {
    return NONE;
  }

  /**
   * Reads the entries ({@code null} or none: {@link #none()}).
   *
   * @throws IllegalArgumentException naming an entry that is neither an http(s) URL nor host:port
   */
  public static EndpointAllowList of(List<String> entries) {
    if (entries == null || entries.isEmpty()) {
      return NONE;
    }
    List<String> prefixes = new ArrayList<>();
    List<String> hostPorts = new ArrayList<>();
    for (String raw : entries) {
      String entry = raw.strip();
      if (entry.isEmpty()) {
        continue;
      }
      if (entry.contains("://")) {
        Endpoint endpoint = Endpoint.parse(entry);
        if (endpoint == null) {
          throw new IllegalArgumentException(
              "'" + entry + "' is not an http:// or https:// URL without user or query");
        }
        prefixes.add(endpoint.normalized());
      } else if (entry.matches(
          "[A-Za-z0-9.-]{1,253}:[0-9]{1,5}|\\[[0-9A-Fa-f:.]{2,45}]:[0-9]{1,5}")) {
        hostPorts.add(entry.toLowerCase(Locale.ROOT));
      } else {
        throw new IllegalArgumentException(
            "'" + entry + "' is neither a URL prefix (http(s)://...) nor host:port");
      }
    }
    return new EndpointAllowList(prefixes, hostPorts);
  }

  /**
   * The endpoint to use: the customer's {@code given} one when it is the catalogue's or on this
   * list, the catalogue's when none is given.
   *
   * @param catalogue the cloud row's endpoint, or null when the operator set none
   * @param given what the customer typed for the endpoint field, or null
   * @throws CloudException {@link CloudErrorType#INVALID_REQUEST}, naming the field, for a given
   *     endpoint the operator did not allow, or when there is none at all
   */
  public String resolve(String catalogue, String given) {
    if (given == null || given.isBlank()) {
      if (catalogue == null || catalogue.isBlank()) {
        throw new CloudException(
            CloudErrorType.INVALID_REQUEST,
            "the field '"
                + ENDPOINT
                + "' is required: the operator set no endpoint for this cloud");
      }
      return catalogue;
    }
    if (given.equals(catalogue) || allows(given)) {
      return given;
    }
    throw new CloudException(
        CloudErrorType.INVALID_REQUEST,
        "the field '"
            + ENDPOINT
            + "' may only name the cloud's own endpoint or one the operator allows"
            + " (cloud.endpoint.allow)");
  }

  /**
   * The values a driver connects with: {@code values} with each {@link
   * ConfigField#operatorProvided() operator-provided} field of {@code fields} {@link #resolve
   * resolved} against the catalogue's endpoint. The one place the Dispatcher (at registration) and
   * the workers (before every connection) apply the operator's choice.
   *
   * @throws CloudException as {@link #resolve}
   */
  public Map<String, String> resolveFields(
      List<ConfigField> fields, String catalogue, Map<String, String> values) {
    Map<String, String> resolved = new HashMap<>(values);
    for (ConfigField field : fields) {
      if (field.operatorProvided()) {
        resolved.put(field.name(), resolve(catalogue, values.get(field.name())));
      }
    }
    return resolved;
  }

  /** True when {@code endpoint} is an http(s) URL this list allows. */
  public boolean allows(String endpoint) {
    Endpoint parsed = Endpoint.parse(endpoint);
    if (parsed == null) {
      return false;
    }
    if (hostPorts.contains(parsed.hostPort())) {
      return true;
    }
    String normalized = parsed.normalized();
    for (String prefix : prefixes) {
      if (normalized.equals(prefix)
          || (normalized.startsWith(prefix)
              && (prefix.endsWith("/") || normalized.charAt(prefix.length()) == '/'))) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    List<String> all = new ArrayList<>(prefixes);
    all.addAll(hostPorts);
    return String.join(",", all);
  }

  /**
   * An http(s) URL's parts, lower-cased where case does not count, the default port made explicit.
   */
  private record Endpoint(String scheme, String host, int port, String path) {
    static Endpoint parse(String text) {
      URI uri;
      try {
        uri = new URI(text.strip());
      } catch (URISyntaxException e) {
        return null;
      }
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")
          || uri.getHost() == null
          || uri.getRawUserInfo() != null
          || uri.getRawQuery() != null
          || uri.getRawFragment() != null) {
        return null;
      }
      int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
      String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
      if (path.contains("/../") || path.endsWith("/..") || path.contains("/./")) {
        return null;
      }
      return new Endpoint(scheme, uri.getHost().toLowerCase(Locale.ROOT), port, path);
    }

    String hostPort() {
      return host + ":" + port;
    }

    String normalized() {
      return scheme + "://" + host + ":" + port + path;
    }
  }
}
