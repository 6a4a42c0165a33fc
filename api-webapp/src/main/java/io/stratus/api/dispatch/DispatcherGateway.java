package io.stratus.api.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratus.api.web.ApiException;
import io.stratus.common.access.Access;
import io.stratus.common.pki.TlsMaterial;
import io.stratus.web.dispatch.DispatcherClient;
import io.stratus.web.dispatch.DispatcherRefused;
import java.net.URI;
import java.time.Duration;
import java.util.function.Supplier;

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
    return refusalsAsApi(() -> client.act(actor(who), method, path, body));
  }

  /**
   * Asks the Dispatcher something that records no job (a server's schedule); returns its answer.
   *
   * @throws ApiException with the Dispatcher's status and message when it refuses
   */
  public JsonNode ask(Access who, String method, String path, Object body) {
    return refusalsAsApi(() -> client.ask(actor(who), method, path, body));
  }

  private static DispatcherClient.Actor actor(Access who) {
    return new DispatcherClient.Actor(who.customerId(), who.userId(), null);
  }

  private static <T> T refusalsAsApi(Supplier<T> call) {
    try {
      return call.get();
    } catch (DispatcherRefused e) {
      throw new ApiException(e.status(), e.getMessage());
    }
  }
}
