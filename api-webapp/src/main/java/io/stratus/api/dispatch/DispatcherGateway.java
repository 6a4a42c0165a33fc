package io.stratus.api.dispatch;

import io.stratus.api.web.ApiException;
import io.stratus.common.access.Access;
import io.stratus.common.pki.TlsMaterial;
import io.stratus.web.dispatch.DispatcherClient;
import io.stratus.web.dispatch.DispatcherRefused;
import java.net.URI;
import java.time.Duration;

/**
 * Every action of the API goes here: the shared {@link DispatcherClient} with the {@code api}
 * component's certificate, acting for the key's customer and user. The Dispatcher's refusals come
 * back as {@link ApiException}s with the same status and message; an unreachable Dispatcher is a
 * 503.
 */
public final class DispatcherGateway {
  private final DispatcherClient client;

  public DispatcherGateway(TlsMaterial tls, URI base, Duration timeout) {
    this.client = new DispatcherClient(tls, base, timeout);
  }

  /**
   * Asks the Dispatcher to act; returns the job it recorded.
   *
   * @param body the request body (serialised as JSON), or null for none
   * @throws ApiException with the Dispatcher's status and message when it refuses
   */
  public DispatcherClient.Ticket act(Access who, String method, String path, Object body) {
    try {
      return client.act(
          new DispatcherClient.Actor(who.customerId(), who.userId(), null), method, path, body);
    } catch (DispatcherRefused e) {
      throw new ApiException(e.status(), e.getMessage());
    }
  }
}
