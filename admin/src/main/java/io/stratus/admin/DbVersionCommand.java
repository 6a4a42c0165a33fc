package io.stratus.admin;

import io.stratus.common.db.SchemaMigrator;
import java.io.PrintStream;
import java.util.List;

/** {@code stratus-admin db version}: the schema's version and the one this build expects. */
final class DbVersionCommand extends NamedCommand {
  DbVersionCommand() {
    super(
        "db version",
        "show the schema version found and the one this build expects (exit 1 on mismatch)");
  }

  @Override
  public int run(AdminContext context, List<String> args, PrintStream out) {
    SchemaMigrator migrator = SchemaMigrator.stratus(context.database().primary());
    String found = migrator.currentVersion();
    String expected = migrator.expectedVersion();
    out.println("found " + found + ", expected " + expected);
    return found.equals(expected) ? 0 : 1;
  }
}
