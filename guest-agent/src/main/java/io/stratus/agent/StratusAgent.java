package io.stratus.agent;

import io.stratus.agent.identity.DispatcherClient;
import io.stratus.agent.identity.Enrolment;
import io.stratus.agent.identity.Identity;
import io.stratus.agent.identity.IdentityStore;
import io.stratus.agent.identity.Renewal;
import io.stratus.agent.identity.UserData;
import io.stratus.agent.identity.UserDataSource;
import io.stratus.agent.script.ScriptLocator;
import io.stratus.agent.script.ScriptRunner;
import io.stratus.agent.server.AgentServer;
import io.stratus.agent.server.Routes;
import io.stratus.agent.system.SystemInfo;
import io.stratus.agent.tls.AgentKeyManager;
import io.stratus.agent.tls.CaTrustManager;
import io.stratus.agent.tls.NoDefaultTrust;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * {@code stratus-agent}: the guest agent, the one entry class. Usage: {@code stratus-agent [--home
 * DIR] [--state-dir DIR]}. Reads its settings, enrols with the Dispatcher unless the state
 * directory already holds a good identity, then serves 2003 over mutual TLS and keeps its
 * certificate renewed. See docs/guest-agent.md.
 */
public final class StratusAgent {
  private static final Logger log = Logger.getLogger(StratusAgent.class.getName());
  private static final String USAGE = "usage: stratus-agent [--home DIR] [--state-dir DIR]";

  private StratusAgent() {}

  /** The agent's version, from its jar's manifest. */
  public static String version() {
    String version = StratusAgent.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }

  public static void main(String[] args) {
    // The JDK's HTTP server: answer without waiting for the caller's delayed ACK (~40 ms a call
    // otherwise), and keep an idle connection longer than the pinger's interval (30 s by default),
    // so a ping is one request on a kept connection, not a new TLS handshake.
    System.setProperty(
        "sun.net.httpserver.nodelay", System.getProperty("sun.net.httpserver.nodelay", "true"));
    System.setProperty(
        "sun.net.httpserver.idleInterval",
        System.getProperty("sun.net.httpserver.idleInterval", "90"));
    String install = System.getProperty("stratus.agent.install");
    Path home = null;
    Path stateDir = null;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if ((arg.equals("--home") || arg.equals("--state-dir")) && i + 1 < args.length) {
        Path value = Path.of(args[++i]);
        if (arg.equals("--home")) {
          home = value;
        } else {
          stateDir = value;
        }
      } else if (arg.equals("--version")) {
        System.out.println("stratus-agent " + version());
        return;
      } else {
        System.err.println(USAGE);
        System.exit(2);
      }
    }
    Path installDir = Path.of(install == null ? "." : install);
    if (home == null) {
      home = installDir;
    }
    AgentSettings settings;
    try {
      settings = AgentSettings.load(home, installDir, stateDir, System.getenv());
      AgentLog.configure(settings.agentLog());
    } catch (IOException | IllegalArgumentException e) {
      System.err.println("stratus-agent: " + e.getMessage());
      System.exit(1);
      return;
    }
    try {
      run(settings);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      log.log(Level.SEVERE, "The agent cannot run: " + e.getMessage(), e);
      System.exit(1);
    }
  }

  static void run(AgentSettings settings)
      throws IOException, GeneralSecurityException, InterruptedException {
    log.info(
        "Starting Stratus guest agent "
            + version()
            + " (home "
            + settings.home()
            + ", state "
            + settings.stateDir()
            + ")");
    NoDefaultTrust.install();
    Files.createDirectories(settings.stateDir());
    Files.setPosixFilePermissions(
        settings.stateDir(), PosixFilePermissions.fromString("rwx------"));
    IdentityStore store = new IdentityStore(settings.stateDir());
    UserDataSource userData =
        new UserDataSource(
            settings.userDataUrl(), settings.userDataFile(), System.getenv("STRATUS_VM_TOKEN"));
    DispatcherClient client = new DispatcherClient(version());
    Identity identity = usableStoredIdentity(store, userData).orElse(null);
    if (identity == null) {
      identity =
          new Enrolment(userData, store, client, settings.listenAddress(), settings.port()).enrol();
    }
    AtomicReference<Identity> current = new AtomicReference<>(identity);
    AgentKeyManager keys =
        new AgentKeyManager(identity.key(), identity.certificate(), identity.ca());
    CaTrustManager trust = new CaTrustManager(identity.ca(), null);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(new KeyManager[] {keys}, new TrustManager[] {trust}, null);
    Routes routes =
        new Routes(
            version(),
            () -> current.get().serverId(),
            new SystemInfo(Path.of("/proc")),
            new ScriptRunner(
                new ScriptLocator(settings.customDir(), settings.scriptsDir()), settings.home()),
            settings.scriptTimeout(),
            settings.logs());
    AgentServer server =
        AgentServer.start(settings.listenAddress(), settings.port(), context, routes);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  log.info("Stratus guest agent stopped");
                },
                "agent-shutdown"));
    log.info(
        "Stratus guest agent listening on "
            + settings.listenAddress()
            + ":"
            + server.port()
            + " for server "
            + identity.serverId()
            + " (certificate "
            + identity.serial()
            + " valid until "
            + identity.notAfter()
            + ")");
    new Renewal(
            store,
            client,
            current::get,
            renewed -> {
              keys.set(renewed.key(), renewed.certificate(), renewed.ca());
              trust.setCa(renewed.ca());
              current.set(renewed);
            },
            settings.listenAddress(),
            settings.port())
        .start();
  }

  /**
   * The stored identity if it is current and still this VM's. When the user data can be read and
   * names another server or CA (a disk or image taken from another VM), the stored one is not used.
   */
  private static Optional<Identity> usableStoredIdentity(
      IdentityStore store, UserDataSource userData) {
    Optional<Identity> stored = store.load();
    if (stored.isEmpty()) {
      return Optional.empty();
    }
    Identity identity = stored.get();
    if (!identity.isValidAt(Instant.now())) {
      log.warning(
          "The stored certificate "
              + identity.serial()
              + " is not valid now (it ends "
              + identity.notAfter()
              + "); enrolling again with the user data's token");
      return Optional.empty();
    }
    if (userData.isConfigured()) {
      try {
        UserData data = UserData.parse(userData.read());
        if (data.serverId() != identity.serverId() || !data.ca().equals(identity.ca())) {
          log.warning(
              "The stored identity is server "
                  + identity.serverId()
                  + "'s but the user data names server "
                  + data.serverId()
                  + (data.ca().equals(identity.ca()) ? "" : " and another CA")
                  + " (a disk taken from another VM?); enrolling again");
          return Optional.empty();
        }
      } catch (IOException | IllegalArgumentException e) {
        log.info("User data not checked (" + e.getMessage() + "); using the stored identity");
      }
    }
    return stored;
  }
}
