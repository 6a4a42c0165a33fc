package io.stratus.admin;

import java.io.PrintStream;
import java.net.URI;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code stratus-admin cloud add --name N --provider P [--endpoint URL] [--description D]}: puts a
 * cloud in the platform's catalogue, so customers can register accounts on it. The provider names
 * the driver (e.g. {@code local}); registering an account checks the driver is there. Adding a
 * cloud that is already there (same name, provider and endpoint) changes nothing and prints its id.
 */
final class CloudAddCommand extends NamedCommand {
  CloudAddCommand() {
    super(
        "cloud add",
        "--name N --provider P [--endpoint URL]: a cloud customers can register accounts on");
  }

  @Override
  public int run(AdminContext context, List<String> args, PrintStream out) {
    Options options =
        Options.parse(args, List.of("--name", "--provider", "--endpoint", "--description"));
    String name = options.required("--name").trim();
    if (name.isEmpty() || name.length() > 200) {
      throw new IllegalArgumentException("--name must be 1 to 200 characters");
    }
    String provider = options.required("--provider").trim();
    if (!provider.matches("[a-z][a-z0-9-]{0,63}")) {
      throw new IllegalArgumentException(
          "--provider must be a driver's name: lower-case letters, digits and '-'");
    }
    String endpoint = options.value("--endpoint", null);
    if (endpoint != null) {
      try {
        URI uri = URI.create(endpoint);
        if (uri.getScheme() == null || uri.getHost() == null) {
          throw new IllegalArgumentException("no scheme or host");
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--endpoint is not a URL: " + e.getMessage());
      }
    }
    JdbcClient jdbc = JdbcClient.create(context.database().primary());
    var existing =
        jdbc.sql("SELECT id, provider_name, endpoint FROM cloud WHERE name = ?")
            .param(name)
            .query()
            .listOfRows();
    if (!existing.isEmpty()) {
      var row = existing.get(0);
      if (!provider.equals(row.get("provider_name"))
          || !java.util.Objects.equals(endpoint, row.get("endpoint"))) {
        throw new IllegalArgumentException(
            "a cloud named '" + name + "' is already there with another provider or endpoint");
      }
      out.println("Cloud " + row.get("id") + " (" + name + ") is already there.");
      return 0;
    }
    jdbc.sql("INSERT INTO cloud (name, provider_name, endpoint, description) VALUES (?, ?, ?, ?)")
        .params(name, provider, endpoint, options.value("--description", null))
        .update();
    long id =
        jdbc.sql("SELECT id FROM cloud WHERE name = ?").param(name).query(Long.class).single();
    out.println("Cloud " + id + " (" + name + ", provider " + provider + ") added.");
    return 0;
  }
}
