package io.stratus.dispatcher.account;

import java.util.Map;

/**
 * A request to register a cloud account: which cloud, a name unique within the customer, and the
 * values of the cloud driver's declared fields (credentials among them).
 */
public record RegisterAccount(
    Long cloudId, String name, String accountNumber, Map<String, String> fields) {

  @Override
  public String toString() {
    return "RegisterAccount[cloudId="
        + cloudId
        + ", name="
        + name
        + ", fields="
        + (fields == null ? null : fields.keySet())
        + "]";
  }
}
