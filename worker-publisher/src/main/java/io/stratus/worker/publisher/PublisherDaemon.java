package io.stratus.worker.publisher;

import io.stratus.common.daemon.ComponentDaemon;

/**
 * Entry point of the worker publisher: jsvc runs this class as a Commons Daemon; {@code main} runs
 * it in the foreground. Reads {@code etc/worker.properties}.
 */
public final class PublisherDaemon extends ComponentDaemon {
  public PublisherDaemon() {
    super(WorkerPublisher.COMPONENT, WorkerPublisher::new);
  }

  @Override
  protected String configName() {
    return "worker";
  }

  public static void main(String[] args) {
    new PublisherDaemon().runInForeground();
  }
}
