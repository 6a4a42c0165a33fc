package io.stratus.agent.identity;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Renews the agent's certificate once less than a third of its lifetime is left: checked at start
 * and then every hour. A new key pair and request go to {@code /agents/renew} over mutual TLS with
 * the current certificate; the new identity is saved and then handed to {@code install} (which
 * swaps it into the listener without a restart). A failure is tried again after a minute, doubling
 * up to the hour; a refusal waits for the next hourly check.
 */
public final class Renewal {
  private static final Logger log = Logger.getLogger(Renewal.class.getName());
  static final Duration CHECK_INTERVAL = Duration.ofHours(1);

  private final IdentityStore store;
  private final DispatcherClient client;
  private final Supplier<Identity> current;
  private final Consumer<Identity> install;
  private final String listenAddress;
  private final int port;

  public Renewal(
      IdentityStore store,
      DispatcherClient client,
      Supplier<Identity> current,
      Consumer<Identity> install,
      String listenAddress,
      int port) {
    this.store = store;
    this.client = client;
    this.current = current;
    this.install = install;
    this.listenAddress = listenAddress;
    this.port = port;
  }

  /** Starts checking, on a daemon thread. */
  public void start() {
    Thread thread = new Thread(null, this::loop, "agent-renewal", 256 * 1024);
    thread.setDaemon(true);
    thread.start();
  }

  private void loop() {
    Backoff failures = new Backoff(Duration.ofMinutes(1), CHECK_INTERVAL);
    try {
      while (true) {
        Duration wait = CHECK_INTERVAL;
        Identity identity = current.get();
        if (identity.needsRenewalAt(Instant.now())) {
          try {
            renew(identity);
            failures.reset();
          } catch (DispatcherException e) {
            if (e.isRefusal()) {
              log.severe(
                  "The Dispatcher refused to renew certificate "
                      + identity.serial()
                      + " (HTTP "
                      + e.status()
                      + "): "
                      + e.getMessage()
                      + "; it ends "
                      + identity.notAfter());
            } else {
              wait = failures.next();
              log.warning(
                  "Renewal failed (HTTP "
                      + e.status()
                      + "): "
                      + e.getMessage()
                      + "; trying again in "
                      + Enrolment.seconds(wait));
            }
          } catch (IOException | GeneralSecurityException e) {
            wait = failures.next();
            log.warning("Renewal failed: " + e + "; trying again in " + Enrolment.seconds(wait));
          }
        }
        Thread.sleep(wait.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void renew(Identity identity) throws IOException, GeneralSecurityException {
    log.info(
        "Certificate "
            + identity.serial()
            + " ends "
            + identity.notAfter()
            + ": renewing with "
            + identity.dispatcher());
    KeyPair pair = CertificateRequests.newKeyPair();
    String csr = CertificateRequests.csrPem(pair, identity.serverId());
    String address = Addresses.advertised(listenAddress, identity.dispatcher());
    DispatcherClient.Signed signed = client.renew(identity, csr, address, port);
    Identity renewed =
        DispatcherClient.accept(
            signed, pair, identity.ca(), identity.serverId(), identity.dispatcher());
    store.save(renewed);
    install.accept(renewed);
    log.info("Renewed: certificate " + renewed.serial() + " valid until " + renewed.notAfter());
  }
}
