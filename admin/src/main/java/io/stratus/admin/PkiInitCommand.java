package io.stratus.admin;

import io.stratus.common.pki.CertificateAuthority;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** {@code stratus-admin pki init [--dir DIR] [--name NAME]}: creates the installation CA. */
final class PkiInitCommand extends NamedCommand {
  PkiInitCommand() {
    super(
        "pki init",
        "create the installation CA in --dir (default <etc>/pki); never overwrites one");
  }

  @Override
  public int run(AdminContext context, List<String> args, PrintStream out) {
    Options options = Options.parse(args, List.of("--dir", "--name"));
    Path dir = options.path("--dir", context.etcDir().resolve("pki"));
    CertificateAuthority ca =
        CertificateAuthority.init(dir, options.value("--name", ComponentHost.local()));
    out.println("Created the installation CA in " + dir);
    out.println(
        "  certificate: "
            + dir.resolve("ca.crt")
            + " (valid until "
            + ca.certificate().getNotAfter().toInstant()
            + ")");
    out.println("  trust store for every component: " + ca.trustStore());
    out.println("Keep " + dir.resolve("ca.p12") + " and its password file on this host only.");
    return 0;
  }
}
