package io.stratus.admin;

import io.stratus.common.db.Database;
import io.stratus.common.identity.Passwords;
import io.stratus.common.keys.CustomerKeys;
import io.stratus.common.keys.KeySettings;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code stratus-admin customer create --name N --email E [--display-name D]}: a customer with its
 * own keyset, its first administrator (a user holding an {@code Administrator} role with every
 * right, ANY) with a random console password, and an API key for that user, both printed once: the
 * secret is kept only sealed with the customer's keys, as the API keeps it. Needs {@code db.*} and
 * {@code keys.kek.file} in {@code admin.properties}.
 */
final class CustomerCreateCommand extends NamedCommand {
  private static final char[] ACCESS_ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();
  private static final char[] SECRET_ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  CustomerCreateCommand() {
    super(
        "customer create",
        "--name N --email E: a customer, its administrator and an API key (shown once)");
  }

  @Override
  public int run(AdminContext context, List<String> args, PrintStream out) {
    Options options = Options.parse(args, List.of("--name", "--email", "--display-name"));
    String name = options.required("--name").trim();
    String email = options.email("--email");
    if (name.isEmpty() || name.length() > 200) {
      throw new IllegalArgumentException("--name must be 1 to 200 characters");
    }
    String displayName = options.value("--display-name", "Administrator of " + name);
    KeySettings keySettings = KeySettings.from(context.config());
    Database database = context.database();
    JdbcClient jdbc = JdbcClient.create(database.primary());
    if (AdminRows.count(jdbc, "SELECT COUNT(*) FROM customer WHERE name = ?", name) > 0) {
      throw new IllegalArgumentException("a customer named '" + name + "' already exists");
    }
    AdminRows.requireUnusedEmail(jdbc, email);
    String password = Passwords.random();
    String passwordHash = Passwords.hash(password);
    TransactionTemplate tx =
        new TransactionTemplate(new DataSourceTransactionManager(database.primary()));
    long[] ids =
        tx.execute(
            status -> {
              long customer = insert(jdbc, "INSERT INTO customer (name) VALUES (?)", name);
              long user =
                  insert(
                      jdbc,
                      """
                      INSERT INTO user_account (customer_id, email, display_name, password_hash)
                      VALUES (?, ?, ?, ?)
                      """,
                      customer,
                      email,
                      displayName,
                      passwordHash);
              long role =
                  insert(
                      jdbc,
                      "INSERT INTO role (customer_id, name, description) VALUES (?, ?, ?)",
                      customer,
                      "Administrator",
                      "every right on every resource");
              jdbc.sql(
                      """
                      INSERT INTO role_right (customer_id, role_id, resource_type, action, qualifier)
                      VALUES (?, ?, '*', '*', 'ANY')
                      """)
                  .params(customer, role)
                  .update();
              jdbc.sql("INSERT INTO user_role (customer_id, user_id, role_id) VALUES (?, ?, ?)")
                  .params(customer, user, role)
                  .update();
              return new long[] {customer, user};
            });
    long customer = ids[0];
    long user = ids[1];
    CustomerKeys keys = CustomerKeys.open(database.primary(), keySettings);
    keys.create(customer);
    String accessKey = random(ACCESS_ALPHABET, 20);
    String secret = random(SECRET_ALPHABET, 40);
    String sealed = keys.seal(customer, "api-key:" + accessKey, secret);
    jdbc.sql(
            """
            INSERT INTO api_key (customer_id, user_id, access_key, secret_ciphertext, name)
            VALUES (?, ?, ?, ?, 'created by stratus-admin')
            """)
        .params(customer, user, accessKey, sealed.getBytes(StandardCharsets.UTF_8))
        .update();
    out.println("Customer " + customer + " (" + name + ") created.");
    out.println("Administrator: " + email + " (user " + user + "), role Administrator.");
    out.println("Console sign-in, password shown only now (change it after signing in):");
    out.println("  e-mail:   " + email);
    out.println("  password: " + password);
    out.println("API key, shown only now; keep the secret key safe:");
    out.println("  access key: " + accessKey);
    out.println("  secret key: " + secret);
    return 0;
  }

  private static long insert(JdbcClient jdbc, String sql, Object... params) {
    var keyHolder = new org.springframework.jdbc.support.GeneratedKeyHolder();
    jdbc.sql(sql).params(params).update(keyHolder);
    return keyHolder.getKey().longValue();
  }

  private static String random(char[] alphabet, int length) {
    char[] out = new char[length];
    for (int i = 0; i < length; i++) {
      out[i] = alphabet[RANDOM.nextInt(alphabet.length)];
    }
    return new String(out);
  }
}
