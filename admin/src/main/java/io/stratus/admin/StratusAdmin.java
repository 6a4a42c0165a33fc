package io.stratus.admin;

import io.stratus.common.config.ConfigException;
import io.stratus.common.db.SchemaVersionMismatchException;
import io.stratus.common.pki.PkiException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code stratus-admin}: the administrator's commands. Usage: {@code stratus-admin [--etc DIR]
 * COMMAND [ARGS]}. Configuration comes from {@code DIR/admin.properties} (default {@code
 * $STRATUS_ETC}, else {@code ./etc}).
 */
public final class StratusAdmin {
  private final List<AdminCommand> commands;

  public StratusAdmin(List<AdminCommand> commands) {
    this.commands = List.copyOf(commands);
  }

  /** Every command this build offers. */
  public static StratusAdmin withAllCommands() {
    return new StratusAdmin(
        List.of(
            new StatusCommand(),
            new DbMigrateCommand(),
            new DbVersionCommand(),
            new PkiInitCommand(),
            new PkiIssueCommand(),
            new CustomerCreateCommand(),
            new UserCreateCommand(),
            new CloudAddCommand()));
  }

  public static void main(String[] args) {
    System.exit(withAllCommands().run(List.of(args), System.out, System.err));
  }

  /** Runs one command line; returns the exit code. */
  public int run(List<String> argv, PrintStream out, PrintStream err) {
    List<String> args = new ArrayList<>(argv);
    Path etc = Path.of(System.getenv().getOrDefault("STRATUS_ETC", "etc"));
    if (args.size() >= 2 && args.get(0).equals("--etc")) {
      etc = Path.of(args.get(1));
      args = args.subList(2, args.size());
    }
    if (args.isEmpty() || args.get(0).equals("help") || args.get(0).equals("--help")) {
      usage(out);
      return args.isEmpty() ? 2 : 0;
    }
    AdminCommand command = find(args);
    if (command == null) {
      err.println("stratus-admin: unknown command '" + String.join(" ", args) + "'");
      usage(err);
      return 2;
    }
    List<String> rest = args.subList(command.name().split(" ").length, args.size());
    try (AdminContext context = new AdminContext(etc)) {
      return command.run(context, rest, out);
    } catch (IllegalArgumentException e) {
      err.println("stratus-admin " + command.name() + ": " + e.getMessage());
      return 2;
    } catch (ConfigException | SchemaVersionMismatchException | PkiException e) {
      err.println("stratus-admin " + command.name() + ": " + e.getMessage());
      return 1;
    } catch (Exception e) {
      err.println("stratus-admin " + command.name() + " failed: " + rootMessage(e));
      return 1;
    }
  }

  private AdminCommand find(List<String> args) {
    AdminCommand best = null;
    for (AdminCommand command : commands) {
      List<String> words = List.of(command.name().split(" "));
      if (args.size() >= words.size()
          && args.subList(0, words.size()).equals(words)
          && (best == null || words.size() > best.name().split(" ").length)) {
        best = command;
      }
    }
    return best;
  }

  private void usage(PrintStream out) {
    out.println("usage: stratus-admin [--etc DIR] COMMAND [ARGS]");
    out.println();
    for (AdminCommand command : commands) {
      out.printf("  %-36s %s%n", command.name(), command.summary());
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return t == e ? message : e.getMessage() + " (" + message + ")";
  }
}
