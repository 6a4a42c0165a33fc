package io.stratus.worker.subscriber;

import io.stratus.common.config.Config;
import io.stratus.common.daemon.ComponentDaemon;
import io.stratus.common.db.DatabaseSettings;
import io.stratus.common.keys.CredentialVault;
import io.stratus.common.keys.CustomerKeys;
import io.stratus.common.keys.KeySettings;
import io.stratus.common.km.KmClient;
import io.stratus.common.km.KmClientSettings;
import io.stratus.common.messaging.AmqpSettings;
import io.stratus.common.pki.TlsMaterial;
import io.stratus.common.pki.TlsSettings;
import io.stratus.worker.subscriber.agent.AgentClient;
import io.stratus.worker.subscriber.agent.Agents;
import io.stratus.worker.subscriber.cloud.VaultCredentialSource;
import java.util.Optional;

/**
 * Entry point of the worker subscriber: jsvc runs this class as a Commons Daemon; {@code main} runs
 * it in the foreground. Reads {@code etc/worker.properties}: the subscriber's keys ({@link
 * SubscriberSettings}), {@code db.*}, {@code amqp.*}, and for cloud credentials {@code km.*},
 * {@code keys.*} and {@code tls.*} (the worker's certificate, which the Key Manager accepts).
 */
public final class SubscriberDaemon extends ComponentDaemon {
  public SubscriberDaemon() {
    super(WorkerSubscriber.COMPONENT, SubscriberDaemon::create);
  }

  /**
   * The subscriber {@code worker.properties} describes, with the production handlers and
   * credentials from the Key Manager; not started.
   */
  public static WorkerSubscriber create(Config config) {
    SubscriberSettings settings = SubscriberSettings.from(config);
    DatabaseSettings database = DatabaseSettings.from(config, "db");
    AmqpSettings amqp = AmqpSettings.from(config, "amqp");
    KmClientSettings km = KmClientSettings.from(config);
    KeySettings keys = KeySettings.from(config);
    TlsSettings tls = TlsSettings.from(config, "tls");
    config.rejectUnknownKeysExcept("publisher.", "cache.", "registry.");
    // Made now (no connection yet), so the subscriber can close its threads when it stops.
    TlsMaterial material = tls.load();
    KmClient client = KmClient.create(km, material);
    AgentClient agentClient = AgentClient.create(material, settings.agentTimeout());
    return new WorkerSubscriber(
            settings,
            database,
            amqp,
            CloudHandlers.using(
                context ->
                    new VaultCredentialSource(
                        context.database().reads(),
                        new CredentialVault(
                            CustomerKeys.open(context.database().primary(), keys),
                            client,
                            context.database().primary())),
                context ->
                    new Agents(
                        context.database().primary(),
                        Optional.of(agentClient),
                        Optional.of(CustomerKeys.open(context.database().primary(), keys)))))
        .closeOnStop(client);
  }

  @Override
  protected String configName() {
    return "worker";
  }

  public static void main(String[] args) {
    new SubscriberDaemon().runInForeground();
  }
}
