package io.stratus.admin;

import io.stratus.common.pki.CertificateAuthority;
import io.stratus.common.pki.ComponentIdentity;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * {@code stratus-admin pki issue <component> --host <name> [--dir DIR] [--out FILE]}: issues one
 * component's certificate into a PKCS#12 key store (default {@code <dir>/<component>.p12}).
 */
final class PkiIssueCommand extends NamedCommand {
  PkiIssueCommand() {
    super(
        "pki issue",
        "issue <component> --host <name>: a component certificate into a PKCS#12 store");
  }

  @Override
  public int run(AdminContext context, List<String> args, PrintStream out) {
    if (args.isEmpty() || args.get(0).startsWith("--")) {
      throw new IllegalArgumentException(
          "usage: stratus-admin pki issue <component> --host <name> [--dir DIR] [--out FILE]; components: "
              + ComponentIdentity.COMPONENTS);
    }
    String component = args.get(0);
    if (!ComponentIdentity.COMPONENTS.contains(component)) {
      throw new IllegalArgumentException(
          "unknown component '" + component + "'; one of " + ComponentIdentity.COMPONENTS);
    }
    Options options =
        Options.parse(args.subList(1, args.size()), List.of("--host", "--dir", "--out"));
    String host = options.required("--host");
    Path dir = options.path("--dir", context.etcDir().resolve("pki"));
    Path store = options.path("--out", dir.resolve(component + ".p12"));
    X509Certificate cert = CertificateAuthority.load(dir).issue(component, host, store);
    out.println(
        "Issued "
            + component
            + "@"
            + host
            + " into "
            + store
            + " (password in "
            + store
            + ".password)");
    out.println("  valid until " + cert.getNotAfter().toInstant());
    return 0;
  }
}
