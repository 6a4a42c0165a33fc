package io.stratus.admin;

import io.stratus.common.db.SchemaMigrator;
import io.stratus.common.registry.ComponentRegistry;
import io.stratus.common.registry.ComponentStatus;
import java.io.PrintStream;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * {@code stratus-admin status}: every Stratus process registered in the last day, up, down or
 * stopped, with the schema version.
 */
final class StatusCommand extends NamedCommand {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  StatusCommand() {
    super("status", "list the registered components (up, down, stopped) and the schema version");
  }

  @Override
  public int run(AdminContext context, List<String> args, PrintStream out) {
    Duration staleAfter =
        context.config().getDuration("registry.stale-after", Duration.ofSeconds(30));
    SchemaMigrator migrator = SchemaMigrator.stratus(context.database().primary());
    out.println(
        "Schema stratus: version "
            + migrator.currentVersion()
            + " (this build expects "
            + migrator.expectedVersion()
            + ")");
    List<ComponentStatus> components =
        new ComponentRegistry(context.database().primary(), staleAfter).list(Duration.ofDays(1));
    if (components.isEmpty()) {
      out.println("No component has registered in the last day.");
      return 0;
    }
    String format = "%-18s %-8s %-24s %8s %-14s %-19s %-19s%n";
    out.printf(
        format, "COMPONENT", "STATE", "HOST", "PID", "VERSION", "STARTED (UTC)", "LAST SEEN");
    for (ComponentStatus c : components) {
      out.printf(
          format,
          c.component(),
          c.state(),
          c.host(),
          c.pid(),
          c.version(),
          TIME.format(c.startedAt()),
          TIME.format(c.heartbeatAt()));
    }
    return 0;
  }
}
