package io.stratus.pinger;

import io.stratus.common.daemon.ComponentDaemon;

/**
 * Entry point of the pinger: jsvc runs this class as a Commons Daemon; {@code main} runs it in the
 * foreground. Reads {@code etc/pinger.properties}: the pinger's keys ({@link PingerSettings}),
 * {@code db.*}, {@code amqp.*}, and {@code tls.keystore}/{@code tls.truststore} (the {@code pinger}
 * certificate it presents to agents, and the installation CA it checks theirs against).
 */
public final class PingerDaemon extends ComponentDaemon {
  public PingerDaemon() {
    super(Pinger.COMPONENT, Pinger::new);
  }

  public static void main(String[] args) {
    new PingerDaemon().runInForeground();
  }
}
