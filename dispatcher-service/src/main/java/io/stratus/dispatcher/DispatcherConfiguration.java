package io.stratus.dispatcher;

import io.stratus.common.access.AccessLoader;
import io.stratus.common.daemon.BuildVersion;
import io.stratus.common.db.Database;
import io.stratus.common.job.JobStore;
import io.stratus.common.keys.CredentialVault;
import io.stratus.common.keys.CustomerKeys;
import io.stratus.common.km.KmClient;
import io.stratus.common.messaging.AmqpConnection;
import io.stratus.common.messaging.ConfirmingPublisher;
import io.stratus.common.pki.TlsMaterial;
import io.stratus.common.registry.ComponentRegistry;
import io.stratus.common.registry.Registration;
import io.stratus.common.task.RetryPolicy;
import io.stratus.common.task.TaskStore;
import io.stratus.dispatcher.access.ActorResolver;
import io.stratus.dispatcher.access.RightsCheck;
import io.stratus.dispatcher.account.AccountController;
import io.stratus.dispatcher.account.AccountRemoval;
import io.stratus.dispatcher.action.ActionDispatcher;
import io.stratus.dispatcher.action.AuditLog;
import io.stratus.dispatcher.action.PublishedMarker;
import io.stratus.dispatcher.action.Resources;
import io.stratus.dispatcher.agent.AgentAuthority;
import io.stratus.dispatcher.agent.AgentBootstrap;
import io.stratus.dispatcher.agent.AgentController;
import io.stratus.dispatcher.agent.AgentLogs;
import io.stratus.dispatcher.agent.AgentRegistry;
import io.stratus.dispatcher.agent.ServerAgentController;
import io.stratus.dispatcher.image.ImageController;
import io.stratus.dispatcher.job.JobController;
import io.stratus.dispatcher.network.FirewallController;
import io.stratus.dispatcher.network.IpAddressController;
import io.stratus.dispatcher.server.ScheduledServerActions;
import io.stratus.dispatcher.server.ServerController;
import io.stratus.dispatcher.server.ServerDetails;
import io.stratus.dispatcher.server.ServerSchedules;
import io.stratus.dispatcher.storage.SnapshotController;
import io.stratus.dispatcher.storage.VolumeController;
import io.stratus.dispatcher.web.DispatcherErrors;
import io.stratus.web.ComponentAccessFilter;
import io.stratus.web.RefusalListener;
import io.stratus.web.ServiceJson;
import io.stratus.web.ServiceWeb;
import io.stratus.web.ServiceWebConfiguration;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The Dispatcher's beans: its database, broker, KM client and customer keys, and controllers, on
 * the web configuration every service shares ({@link ServiceWebConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
@Import({DispatcherDataConfiguration.class, ServiceWebConfiguration.class})
public class DispatcherConfiguration implements WebMvcConfigurer {
  public static final String COMPONENT = "dispatcher";
  private static final RefusalListener REFUSALS =
      RefusalListener.logTo(LoggerFactory.getLogger(DispatcherConfiguration.class));

  private final DispatcherSettings settings;
  private final Database database;

  public DispatcherConfiguration(DispatcherSettings settings, Database database) {
    this.settings = settings;
    this.database = database;
  }

  @Bean(destroyMethod = "close")
  AmqpConnection amqpConnection() {
    return AmqpConnection.open(settings.amqp(), COMPONENT + "@" + ComponentRegistry.hostName());
  }

  @Bean(destroyMethod = "close")
  ConfirmingPublisher confirmingPublisher(AmqpConnection connection) {
    return new ConfirmingPublisher(connection);
  }

  /** Depends on the database, so it is closed (marked stopped) before the pools are. */
  @Bean(destroyMethod = "close")
  Registration registration(Database database) {
    return new ComponentRegistry(database.primary(), Duration.ofSeconds(30))
        .register(
            COMPONENT, BuildVersion.of(DispatcherConfiguration.class), Duration.ofSeconds(10));
  }

  @Bean(destroyMethod = "close")
  KmClient kmClient() {
    TlsMaterial tls = settings.tls().load();
    return KmClient.create(settings.km(), tls);
  }

  @Bean
  CustomerKeys customerKeys() {
    return CustomerKeys.open(database.primary(), settings.keys());
  }

  @Bean
  CredentialVault credentialVault(CustomerKeys keys, KmClient km) {
    return new CredentialVault(keys, km, database.primary());
  }

  @Bean
  AgentAuthority agentAuthority() {
    return AgentAuthority.from(settings.agent());
  }

  @Bean
  AgentBootstrap agentBootstrap(CustomerKeys keys, AgentAuthority authority) {
    return new AgentBootstrap(
        database.primary(), keys, settings.agent(), authority, Clock.systemUTC());
  }

  @Bean
  AgentRegistry agentRegistry(AgentAuthority authority) {
    return new AgentRegistry(
        database.primary(),
        transactions(),
        authority,
        settings.agent(),
        new AuditLog(database.primary()),
        Clock.systemUTC());
  }

  @Bean
  AgentController agentController(AgentRegistry registry, AgentAuthority authority) {
    return new AgentController(registry, authority);
  }

  @Bean
  ServerAgentController serverAgentController(
      Resources resources, ActionDispatcher dispatcher, AgentRegistry registry) {
    return new ServerAgentController(
        resources, dispatcher, registry, new AgentLogs(database.primary()));
  }

  private TransactionTemplate transactions() {
    return new TransactionTemplate(new DataSourceTransactionManager(database.primary()));
  }

  @Bean
  TaskStore taskStore() {
    return new TaskStore(database.primary(), RetryPolicy.DEFAULT);
  }

  @Bean
  JobStore jobStore() {
    return new JobStore(database.primary());
  }

  @Bean(destroyMethod = "close")
  PublishedMarker publishedMarker(TaskStore tasks) {
    return new PublishedMarker(tasks);
  }

  @Bean
  Resources resources() {
    return new Resources(database.primary());
  }

  @Bean
  ActionDispatcher actionDispatcher(
      TaskStore tasks, JobStore jobs, ConfirmingPublisher publisher, PublishedMarker marker) {
    return new ActionDispatcher(
        transactions(), jobs, tasks, new AuditLog(database.primary()), publisher, marker);
  }

  @Bean
  AccountController accountController(
      Resources resources, ActionDispatcher dispatcher, CredentialVault vault) {
    return new AccountController(resources, dispatcher, vault, settings.cloudEndpoints());
  }

  @Bean
  AccountRemoval accountRemoval(Resources resources, CredentialVault vault) {
    return new AccountRemoval(resources, new AuditLog(database.primary()), transactions(), vault);
  }

  @Bean
  ServerSchedules serverSchedules(Resources resources, ActionDispatcher dispatcher) {
    return new ServerSchedules(
        resources, dispatcher, new AuditLog(database.primary()), transactions(), Clock.systemUTC());
  }

  @Bean(initMethod = "start", destroyMethod = "close")
  ScheduledServerActions scheduledServerActions(ServerSchedules schedules) {
    return new ScheduledServerActions(schedules, settings.scheduleInterval());
  }

  @Bean
  ServerController serverController(
      Resources resources,
      ActionDispatcher dispatcher,
      AgentBootstrap agents,
      ServerSchedules schedules) {
    return new ServerController(
        resources,
        dispatcher,
        agents,
        schedules,
        new ServerDetails(resources, new AuditLog(database.primary()), transactions()));
  }

  @Bean
  VolumeController volumeController(Resources resources, ActionDispatcher dispatcher) {
    return new VolumeController(resources, dispatcher);
  }

  @Bean
  SnapshotController snapshotController(Resources resources, ActionDispatcher dispatcher) {
    return new SnapshotController(resources, dispatcher);
  }

  @Bean
  ImageController imageController(Resources resources, ActionDispatcher dispatcher) {
    return new ImageController(resources, dispatcher);
  }

  @Bean
  IpAddressController ipAddressController(Resources resources, ActionDispatcher dispatcher) {
    return new IpAddressController(resources, dispatcher);
  }

  @Bean
  FirewallController firewallController(Resources resources, ActionDispatcher dispatcher) {
    return new FirewallController(resources, dispatcher);
  }

  @Bean
  JobController jobController(JobStore jobs) {
    return new JobController(jobs);
  }

  @Bean
  DispatcherErrors dispatcherErrors() {
    return new DispatcherErrors();
  }

  /** The components that act through the Dispatcher: the architecture's rule, not a setting. */
  static final Set<String> CALLERS = Set.of("console", "api", "worker");

  /**
   * Registered with the servlet container by {@link DispatcherWebInitializer}, first. An agent
   * reaches two paths only: its first handshake, made without a certificate (the one-time token
   * vouches for it), and the renewal of its certificate, made with it.
   */
  @Bean
  ComponentAccessFilter componentAccessFilter() {
    return new ComponentAccessFilter("the Dispatcher", CALLERS, REFUSALS)
        .withPath(AgentController.HANDSHAKE, Set.of())
        .withPath(AgentController.RENEW, Set.of("agent"));
  }

  /** Strict JSON; the body limit is second in the chain, after the caller is known. */
  @Bean
  ServiceWeb serviceWeb() {
    return new ServiceWeb(settings.server().maxBodyBytes(), ServiceJson.strict(), REFUSALS);
  }

  @Override
  public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
    resolvers.add(
        new ActorResolver(
            database.primary(),
            new RightsCheck(
                new AccessLoader(database.primary()), new Resources(database.primary()))));
  }
}
