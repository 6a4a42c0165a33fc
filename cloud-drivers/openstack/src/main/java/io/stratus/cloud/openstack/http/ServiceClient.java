package io.stratus.cloud.openstack.http;

import io.stratus.cloud.openstack.identity.KeystoneSession;
import io.stratus.cloud.openstack.identity.Token;
import io.stratus.cloud.spi.CloudErrorType;
import io.stratus.cloud.spi.CloudException;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Calls to one OpenStack service (compute, image, network) in one region, at the catalogue's URL
 * for the chosen interface, with the session's token. A 401 drops the token and the call is made
 * once more with a fresh one.
 */
public final class ServiceClient {
  private final KeystoneSession session;
  private final OpenStackHttp http;
  private final String type;
  private final String region;
  private final String iface;
  private final Map<String, String> extraHeaders;

  public ServiceClient(
      KeystoneSession session,
      OpenStackHttp http,
      String type,
      String region,
      String iface,
      Map<String, String> extraHeaders) {
    this.session = session;
    this.http = http;
    this.type = type;
    this.region = region;
    this.iface = iface;
    this.extraHeaders = Map.copyOf(extraHeaders);
  }

  /** The same service with more headers on every call (a negotiated microversion). */
  public ServiceClient withHeader(String name, String value) {
    Map<String, String> headers = new HashMap<>(extraHeaders);
    headers.put(name, value);
    return new ServiceClient(session, http, type, region, iface, headers);
  }

  /** The service's URL, or empty when the catalogue has none for this region and interface. */
  public Optional<URI> base() {
    return session.token().catalog().endpoint(type, region, iface);
  }

  public OpenStackHttp.Reply get(String path) {
    return call("GET", path, null);
  }

  public OpenStackHttp.Reply post(String path, Object body) {
    return call("POST", path, body);
  }

  public OpenStackHttp.Reply delete(String path) {
    return call("DELETE", path, null);
  }

  /** A GET whose 404 is empty rather than thrown. */
  public Optional<OpenStackHttp.Reply> find(String path) {
    try {
      return Optional.of(get(path));
    } catch (CloudException e) {
      if (e.type() == CloudErrorType.NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /**
   * One call; {@code path} is relative to the service's URL (or absolute, for a version document).
   */
  public OpenStackHttp.Reply call(String method, String path, Object body) {
    Token token = session.token();
    try {
      return send(token, method, path, body);
    } catch (CloudException e) {
      if (e.httpCode() != 401) {
        throw e;
      }
      session.invalidate(token);
      return send(session.token(), method, path, body);
    }
  }

  private OpenStackHttp.Reply send(Token token, String method, String path, Object body) {
    URI base =
        token
            .catalog()
            .endpoint(type, region, iface)
            .orElseThrow(
                () ->
                    new CloudException(
                        CloudErrorType.NOT_FOUND,
                        "the cloud's catalogue has no "
                            + iface
                            + " "
                            + type
                            + " endpoint in region "
                            + region));
    Map<String, String> headers = new HashMap<>(extraHeaders);
    headers.put("X-Auth-Token", token.value());
    return http.send(type, method, base.resolve(path), headers, body);
  }
}
