package io.stratus.admin;

import io.stratus.common.db.SchemaMigrator;
import java.io.PrintStream;
import java.util.List;

/** {@code stratus-admin db migrate}: applies pending migrations of the {@code stratus} schema. */
final class DbMigrateCommand extends NamedCommand {
  DbMigrateCommand() {
    super("db migrate", "apply pending migrations to the stratus schema (safe to repeat)");
  }

  @Override
  public int run(AdminContext context, List<String> args, PrintStream out) {
    SchemaMigrator migrator = SchemaMigrator.stratus(context.database().primary());
    String before = migrator.currentVersion();
    String after = migrator.migrate();
    out.println(
        before.equals(after)
            ? "Schema already at version " + after + "."
            : "Schema migrated from version " + before + " to " + after + ".");
    return 0;
  }
}
