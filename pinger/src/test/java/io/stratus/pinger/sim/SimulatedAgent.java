package io.stratus.pinger.sim;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * One simulated guest agent: a mutual-TLS HTTPS endpoint on its own address and port answering
 * {@code GET /status}, which a test can make refuse connections, hang, answer an error, or present
 * another certificate. Each agent has its own TLS context, as a separate agent process would, so a
 * session made with one agent (or with its previous certificate) cannot be resumed with another.
 */
public final class SimulatedAgent {
  /** What the agent does with a connection. */
  public enum Mode {
    /** Answers {@code GET /status} with {@link #status()}. */
    ANSWERING,
    /** Listens no more: connections are refused. */
    REFUSING,
    /** Accepts connections and never says a word (a hung process). */
    HANGING
  }

  private final SimulatedAgents owner;
  private final InetSocketAddress address;
  private final Set<String> callers = ConcurrentHashMap.newKeySet();
  private final AtomicInteger answers = new AtomicInteger();
  private final AtomicInteger fullHandshakes = new AtomicInteger();
  private final AtomicInteger connections = new AtomicInteger();
  private final Set<Closeable> open = ConcurrentHashMap.newKeySet();
  private volatile boolean closeEachConnection;
  private volatile AgentIdentity identity;
  private volatile SSLContext context;
  private volatile Mode mode = Mode.ANSWERING;
  private volatile int status = 200;

  SimulatedAgent(SimulatedAgents owner, InetSocketAddress address, AgentIdentity identity) {
    this.owner = owner;
    this.address = address;
    use(identity);
  }

  public String address() {
    return address.getAddress().getHostAddress();
  }

  public int port() {
    return address.getPort();
  }

  void setMode(Mode mode) {
    this.mode = mode;
  }

  InetSocketAddress socketAddress() {
    return address;
  }

  /** The certificate the agent was registered with (or presents now, after a switch). */
  public AgentIdentity identity() {
    return identity;
  }

  public Mode mode() {
    return mode;
  }

  public int status() {
    return status;
  }

  /** Answers again (re-opening its port if it was refusing), with 200. */
  public void answer() {
    status = 200;
    owner.setMode(this, Mode.ANSWERING);
  }

  /** Answers with another status, e.g. 503. */
  public void answerWith(int status) {
    this.status = status;
    owner.setMode(this, Mode.ANSWERING);
  }

  /** Stops, as a dead agent process: its connections close and new ones are refused. */
  public void stopAnswering() {
    owner.setMode(this, Mode.REFUSING);
    dropConnections();
  }

  /** Accepts connections but never answers, on them or on those it holds (a hung process). */
  public void hang() {
    owner.setMode(this, Mode.HANGING);
  }

  /**
   * Presents {@code other} from now on, with a new TLS context (an impostor, or the agent after a
   * restart with a renewed certificate).
   */
  public void presentCertificate(AgentIdentity other) {
    use(other);
    dropConnections(); // the process that held the old certificate is gone
  }

  /**
   * Closes each connection after its answer, whatever the client asked (as an agent without
   * keep-alive would), so every ping needs a new connection.
   */
  public void closeEachConnection(boolean close) {
    closeEachConnection = close;
  }

  boolean closesEachConnection() {
    return closeEachConnection;
  }

  /** Closes the connections open now, as an agent's idle timeout would. */
  public void dropConnections() {
    for (Closeable connection : open) {
      try {
        connection.close();
      } catch (IOException e) {
        // gone anyway
      }
    }
  }

  /** TCP connections accepted. */
  public int connections() {
    return connections.get();
  }

  void opened(Closeable connection) {
    connections.incrementAndGet();
    open.add(connection);
  }

  void closed(Closeable connection) {
    open.remove(connection);
  }

  /**
   * Presents {@code renewed} from now on in the same TLS context, so sessions made with the old
   * certificate can still be resumed (an agent that renews its certificate in place).
   */
  public void presentCertificateKeepingSessions(AgentIdentity renewed) {
    this.identity = renewed;
  }

  /** Statuses answered (any code). */
  public int answers() {
    return answers.get();
  }

  /** Handshakes in which the agent presented its certificate, i.e. not resumed. */
  public int fullHandshakes() {
    return fullHandshakes.get();
  }

  /** The components (from the client certificates) that asked for the status. */
  public Set<String> callers() {
    return Set.copyOf(callers);
  }

  SSLContext context() {
    return context;
  }

  void answered(String caller) {
    answers.incrementAndGet();
    if (caller != null) {
      callers.add(caller);
    }
  }

  private void use(AgentIdentity identity) {
    try {
      SSLContext fresh = SSLContext.getInstance("TLS");
      fresh.init(new KeyManager[] {new OneKey(this)}, owner.trustManagers(), null);
      this.identity = identity;
      this.context = fresh;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot build the agent's TLS context", e);
    }
  }

  /**
   * Serves the agent's current key; counts the full handshakes (a resumed session does not ask for
   * the key).
   */
  private static final class OneKey extends X509ExtendedKeyManager {
    private static final String ALIAS = "agent";
    private final SimulatedAgent agent;

    OneKey(SimulatedAgent agent) {
      this.agent = agent;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
      return choose(keyType);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
      return choose(keyType);
    }

    private String choose(String keyType) {
      if (!"EC".equals(keyType)) {
        return null;
      }
      agent.fullHandshakes.incrementAndGet();
      return ALIAS;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
      return "EC".equals(keyType) ? new String[] {ALIAS} : null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
      return ALIAS.equals(alias)
          ? new X509Certificate[] {agent.identity.certificate(), agent.identity.ca()}
          : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
      return ALIAS.equals(alias) ? agent.identity.key() : null;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
      return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
      return null;
    }
  }
}
