package io.stratus.embedded;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Who may connect to the embedded AMQP broker, and the one virtual host there is. {@link #GUEST}
 * ({@code guest}/{@code guest}, virtual host {@code default}) is for tests; the single-machine mode
 * gives the installation's own user, a generated password and a virtual host named for it.
 */
public record AmqpAccount(String user, String password, String virtualHost) {
  /** The tests' account. */
  public static final AmqpAccount GUEST = new AmqpAccount("guest", "guest", "default");

  public AmqpAccount {
    requireName("user", user);
    requireName("virtual host", virtualHost);
    if (password == null || password.isEmpty()) {
      throw new IllegalArgumentException("the AMQP password must not be empty");
    }
  }

  /** A URI for {@code com.rabbitmq.client.ConnectionFactory#setUri}, password included. */
  String uri(int port) {
    return "amqp://"
        + encode(user)
        + ":"
        + encode(password)
        + "@127.0.0.1:"
        + port
        + "/"
        + encode(virtualHost);
  }

  @Override
  public String toString() {
    return "AmqpAccount[user=" + user + ", virtualHost=" + virtualHost + "]";
  }

  private static void requireName(String what, String value) {
    if (value == null || !value.matches("[A-Za-z0-9_.-]{1,64}")) {
      throw new IllegalArgumentException(
          "the AMQP " + what + " must be 1 to 64 letters, digits, '_', '.' or '-'");
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
