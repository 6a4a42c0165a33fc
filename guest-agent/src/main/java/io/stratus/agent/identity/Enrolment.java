package io.stratus.agent.identity;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Gets the agent its first identity: reads the user data, makes a key pair and a certificate
 * request, and hands them with the one-time token to the Dispatcher ({@code /agents/handshake}),
 * until it succeeds. Connection errors and 5xx (and 408, 429) are tried again after 1 s, doubling
 * up to 60 s. A refusal (a bad, used or expired token: any other 4xx) or unusable user data is
 * logged and tried again slowly, from 60 s doubling up to 15 minutes, re-reading the user data each
 * time, so an operator can put things right without restarting the agent.
 */
public final class Enrolment {
  private static final Logger log = Logger.getLogger(Enrolment.class.getName());
  static final Duration RETRY_FIRST = Duration.ofSeconds(1);
  static final Duration RETRY_MAX = Duration.ofSeconds(60);
  static final Duration REFUSED_FIRST = Duration.ofSeconds(60);
  static final Duration REFUSED_MAX = Duration.ofMinutes(15);

  private final UserDataSource source;
  private final IdentityStore store;
  private final DispatcherClient client;
  private final String listenAddress;
  private final int port;

  public Enrolment(
      UserDataSource source,
      IdentityStore store,
      DispatcherClient client,
      String listenAddress,
      int port) {
    this.source = source;
    this.store = store;
    this.client = client;
    this.listenAddress = listenAddress;
    this.port = port;
  }

  /** Enrols, trying until it succeeds; the identity is saved before it is returned. */
  public Identity enrol() throws InterruptedException {
    Backoff transientErrors = new Backoff(RETRY_FIRST, RETRY_MAX);
    Backoff refusals = new Backoff(REFUSED_FIRST, REFUSED_MAX);
    while (true) {
      UserData userData;
      try {
        userData = UserData.parse(source.read());
      } catch (IOException e) {
        waitAfter(
            transientErrors,
            Level.WARNING,
            "Cannot read the user data from " + source.describe() + ": " + e.getMessage(),
            "trying again");
        continue;
      } catch (IllegalArgumentException e) {
        waitAfter(
            refusals,
            Level.SEVERE,
            "The user data from " + source.describe() + " cannot be used: " + e.getMessage(),
            "reading it again");
        continue;
      }
      try {
        Identity identity = handshake(userData);
        store.save(identity);
        log.info(
            "Enrolled as server "
                + identity.serverId()
                + " with "
                + userData.dispatcher()
                + ": certificate "
                + identity.serial()
                + " valid until "
                + identity.notAfter());
        return identity;
      } catch (DispatcherException e) {
        String what =
            e.isRefusal() ? "The Dispatcher refused the handshake" : "The handshake failed";
        waitAfter(
            e.isRefusal() ? refusals : transientErrors,
            e.isRefusal() ? Level.SEVERE : Level.WARNING,
            what + " (HTTP " + e.status() + "): " + e.getMessage(),
            "trying again");
      } catch (IOException e) {
        waitAfter(
            transientErrors,
            Level.WARNING,
            "Cannot reach the Dispatcher at " + userData.dispatcher() + ": " + e,
            "trying again");
      } catch (GeneralSecurityException e) {
        Duration wait = refusals.next();
        log.severe("Cannot make a key pair or certificate request: " + e.getMessage());
        Thread.sleep(wait.toMillis());
      }
    }
  }

  /**
   * Logs what went wrong and when it is tried again ({@code again} "in …"), then waits that long.
   */
  private static void waitAfter(Backoff backoff, Level level, String what, String again)
      throws InterruptedException {
    Duration wait = backoff.next();
    log.log(level, what + "; " + again + " in " + seconds(wait));
    Thread.sleep(wait.toMillis());
  }

  private Identity handshake(UserData userData) throws IOException, GeneralSecurityException {
    KeyPair pair = CertificateRequests.newKeyPair();
    String csr = CertificateRequests.csrPem(pair, userData.serverId());
    String address = Addresses.advertised(listenAddress, userData.dispatcher());
    log.info(
        "Handshake with "
            + userData.dispatcher()
            + " as server "
            + userData.serverId()
            + " at "
            + address
            + ":"
            + port);
    DispatcherClient.Signed signed = client.handshake(userData, csr, address, port);
    return DispatcherClient.accept(
        signed, pair, userData.ca(), userData.serverId(), userData.dispatcher());
  }

  static String seconds(Duration d) {
    return d.toSeconds() + " s";
  }
}
