package io.stratus.common.keys;

import io.stratus.common.config.Config;
import io.stratus.common.config.ConfigException;
import io.stratus.common.db.Database;
import io.stratus.common.db.DatabaseSettings;
import io.stratus.common.km.KmClient;
import io.stratus.common.km.KmClientSettings;
import io.stratus.common.km.KmException;
import io.stratus.common.pki.PkiException;
import io.stratus.common.pki.TlsSettings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The key administrator's commands, for {@code stratus-admin} to wire and runnable on their own
 * until it does:
 *
 * <pre>
 * KeyCommands [--etc DIR] [--component NAME] kek init      create the KEK file (keys.kek.file)
 * KeyCommands [--etc DIR] [--component NAME] kek rotate    add a new current KEK to the file
 * KeyCommands [--etc DIR] [--component NAME] kek rewrap    rewrap every keyset with the current KEK
 * KeyCommands [--etc DIR] [--component NAME] customer create-keyset ID
 * KeyCommands [--etc DIR] [--component NAME] customer rotate ID
 * KeyCommands [--etc DIR] [--component NAME] customer reencrypt ID
 * </pre>
 *
 * They read {@code DIR/NAME.properties} (default {@code $STRATUS_ETC} or {@code ./etc}, and {@code
 * dispatcher}): {@code keys.kek.file}, the main schema's {@code db.*}, and for {@code reencrypt}
 * {@code km.url} and {@code tls.*}. Run them on a Dispatcher host: the Key Manager only serves the
 * Dispatcher's and the workers' certificates. Exit codes: 0 done, 1 failed, 2 usage.
 */
public final class KeyCommands {
  private KeyCommands() {}

  public static void main(String[] args) {
    System.exit(run(List.of(args), System.out, System.err));
  }

  /** Runs one command line; returns the exit code. */
  public static int run(List<String> argv, PrintStream out, PrintStream err) {
    List<String> args = new ArrayList<>(argv);
    Path etc = Path.of(System.getenv().getOrDefault("STRATUS_ETC", "etc"));
    String component = "dispatcher";
    while (args.size() >= 2 && args.get(0).startsWith("--")) {
      switch (args.get(0)) {
        case "--etc" -> etc = Path.of(args.get(1));
        case "--component" -> component = args.get(1);
        default -> {
          return usage(err, "unknown option " + args.get(0));
        }
      }
      args = args.subList(2, args.size());
    }
    if (args.size() < 2) {
      return usage(err, null);
    }
    try {
      Config config = Config.load(component, etc);
      String command = args.get(0) + " " + args.get(1);
      switch (command) {
        case "kek init" -> {
          Path file = config.requirePath("keys.kek.file");
          KeyEncryptionKeys.create(file);
          out.println("Created the key-encryption key file " + file + " (kek-1)");
          out.println("Copy it and its .password file to every Dispatcher and worker host.");
        }
        case "kek rotate" -> {
          Path file = config.requirePath("keys.kek.file");
          KeyEncryptionKeys keys = KeyEncryptionKeys.rotate(file);
          out.println("Added " + keys.currentId() + " to " + file);
          out.println(
              "Copy the file to every Dispatcher and worker host, restart them, then run"
                  + " 'kek rewrap'.");
        }
        case "kek rewrap" -> {
          try (Database db = open(config)) {
            int n = customerKeys(config, db).rewrapAll();
            out.println("Rewrapped " + n + " customer keyset(s)");
          }
        }
        case "customer create-keyset", "customer rotate", "customer reencrypt" -> {
          long customer = customerId(args);
          try (Database db = open(config)) {
            CustomerKeys keys = customerKeys(config, db);
            switch (args.get(1)) {
              case "create-keyset" ->
                  out.println(
                      keys.create(customer)
                          ? "Customer " + customer + " has its own keyset now"
                          : "Customer " + customer + " already has a keyset");
              case "rotate" ->
                  out.println(
                      "Customer "
                          + customer
                          + ": new primary key "
                          + keys.rotate(customer)
                          + "; run 'customer reencrypt "
                          + customer
                          + "' to move its credentials to it");
              default -> {
                try (KmClient km =
                    KmClient.create(
                        KmClientSettings.from(config), TlsSettings.from(config, "tls").load())) {
                  int n = new CredentialVault(keys, km, db.primary()).reencrypt(customer);
                  out.println("Customer " + customer + ": " + n + " credential(s) re-encrypted");
                }
              }
            }
          }
        }
        default -> {
          return usage(err, "unknown command '" + command + "'");
        }
      }
      return 0;
    } catch (IllegalArgumentException e) {
      return usage(err, e.getMessage());
    } catch (ConfigException
        | CustomerKeyException
        | CredentialDecryptionException
        | PkiException
        | KmException e) {
      err.println("keys: " + e.getMessage());
      return 1;
    } catch (RuntimeException e) {
      err.println("keys: failed: " + e);
      return 1;
    }
  }

  private static Database open(Config config) {
    return Database.open(DatabaseSettings.from(config, "db"), "keys");
  }

  private static CustomerKeys customerKeys(Config config, Database db) {
    return CustomerKeys.open(db.primary(), KeySettings.from(config));
  }

  private static long customerId(List<String> args) {
    if (args.size() != 3) {
      throw new IllegalArgumentException(args.get(0) + " " + args.get(1) + " needs a customer id");
    }
    try {
      return Long.parseLong(args.get(2));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a customer id: '" + args.get(2) + "'");
    }
  }

  private static int usage(PrintStream err, String problem) {
    if (problem != null) {
      err.println("keys: " + problem);
    }
    err.println(
        "usage: KeyCommands [--etc DIR] [--component NAME] kek init|kek rotate|kek rewrap"
            + "|customer create-keyset ID|customer rotate ID|customer reencrypt ID");
    return 2;
  }
}
