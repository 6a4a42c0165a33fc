package io.stratus.admin;

import io.stratus.common.identity.Passwords;
import java.io.PrintStream;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code stratus-admin user create --customer ID --email E [--display-name D] [--role NAME]}: a
 * user of an existing customer, holding the named role of that customer (default {@code
 * Administrator}). API keys for it are then made through the API ({@code admin/ApiKey}).
 */
final class UserCreateCommand extends NamedCommand {
  UserCreateCommand() {
    super(
        "user create",
        "--customer ID --email E [--role NAME]: a user of a customer, with one of its roles");
  }

  @Override
  public int run(AdminContext context, List<String> args, PrintStream out) {
    Options options =
        Options.parse(args, List.of("--customer", "--email", "--display-name", "--role"));
    long customer;
    try {
      customer = Long.parseLong(options.required("--customer"));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--customer must be a customer id");
    }
    String email = options.email("--email");
    String roleName = options.value("--role", "Administrator");
    String displayName = options.value("--display-name", email);
    JdbcClient jdbc = JdbcClient.create(context.database().primary());
    if (AdminRows.count(jdbc, "SELECT COUNT(*) FROM customer WHERE id = ?", customer) == 0) {
      throw new IllegalArgumentException("no customer " + customer);
    }
    Long role =
        jdbc.sql("SELECT id FROM role WHERE customer_id = ? AND name = ?")
            .params(customer, roleName)
            .query(Long.class)
            .optional()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "customer " + customer + " has no role '" + roleName + "'"));
    AdminRows.requireUnusedEmail(jdbc, email);
    String password = Passwords.random();
    String passwordHash = Passwords.hash(password);
    long user =
        new TransactionTemplate(new DataSourceTransactionManager(context.database().primary()))
            .execute(
                status -> {
                  GeneratedKeyHolder key = new GeneratedKeyHolder();
                  jdbc.sql(
                          "INSERT INTO user_account (customer_id, email, display_name,"
                              + " password_hash, password_must_change) VALUES (?, ?, ?, ?, TRUE)")
                      .params(customer, email, displayName, passwordHash)
                      .update(key);
                  long id = key.getKey().longValue();
                  jdbc.sql("INSERT INTO user_role (customer_id, user_id, role_id) VALUES (?, ?, ?)")
                      .params(customer, id, role)
                      .update();
                  return id;
                });
    out.println(
        "User "
            + user
            + " ("
            + email
            + ") created for customer "
            + customer
            + ", role "
            + roleName
            + ".");
    out.println("Console password, shown only now: " + password);
    out.println("The user chooses its own password at its first sign-in.");
    return 0;
  }
}
