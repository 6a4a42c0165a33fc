package io.stratus.admin;

import java.io.PrintStream;
import java.util.List;

/** One {@code stratus-admin} command, e.g. {@code db migrate}. */
public interface AdminCommand {
  /** The words that select it, e.g. {@code "db migrate"}. */
  String name();

  /** One line for the usage text. */
  String summary();

  /**
   * Runs the command.
   *
   * @param args the words after the command's name
   * @return the process exit code: 0 success, 1 failure, 2 usage error
   */
  int run(AdminContext context, List<String> args, PrintStream out) throws Exception;
}
