package io.stratus.api;

import com.fasterxml.jackson.databind.json.JsonMapper;
import io.stratus.api.access.AccessResolver;
import io.stratus.api.admin.AccountController;
import io.stratus.api.admin.ApiKeyController;
import io.stratus.api.admin.CustomerController;
import io.stratus.api.admin.GroupController;
import io.stratus.api.admin.RoleController;
import io.stratus.api.admin.UserController;
import io.stratus.api.auth.ApiKeyStore;
import io.stratus.api.auth.RateLimiter;
import io.stratus.api.auth.ReplayGuard;
import io.stratus.api.auth.SignatureFilter;
import io.stratus.api.dispatch.DispatcherGateway;
import io.stratus.api.infrastructure.ServerController;
import io.stratus.api.infrastructure.SnapshotController;
import io.stratus.api.infrastructure.VolumeController;
import io.stratus.api.network.FirewallController;
import io.stratus.api.network.FirewallRuleController;
import io.stratus.api.network.IpAddressController;
import io.stratus.api.resource.KindController;
import io.stratus.api.resource.KindReads;
import io.stratus.api.web.ApiErrors;
import io.stratus.api.web.HeadCounts;
import io.stratus.api.web.UnknownParameters;
import io.stratus.api.web.UntypedJsonReader;
import io.stratus.api.web.VersionsController;
import io.stratus.common.access.AccessLoader;
import io.stratus.common.daemon.BuildVersion;
import io.stratus.common.db.Database;
import io.stratus.common.identity.People;
import io.stratus.common.keys.CustomerKeys;
import io.stratus.common.registry.ComponentRegistry;
import io.stratus.common.registry.Registration;
import io.stratus.web.RefusalListener;
import io.stratus.web.ServiceJson;
import io.stratus.web.ServiceWeb;
import io.stratus.web.ServiceWebConfiguration;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The API's beans: reads from the main schema (replicas when configured), the customer keys that
 * open API key secrets, the Dispatcher gateway for every action, the signature filter, and one
 * controller per resource's actions and one for every declared kind's reads, on the web
 * configuration every service shares ({@link ServiceWebConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
@Import({ApiDataConfiguration.class, ServiceWebConfiguration.class})
public class ApiConfiguration implements WebMvcConfigurer {
  public static final String COMPONENT = "api";

  /** Every controller, for the wiring below and the OpenAPI check. */
  public static final List<Class<?>> CONTROLLERS =
      List.of(
          VersionsController.class,
          KindController.class,
          AccountController.class,
          ApiKeyController.class,
          ServerController.class,
          VolumeController.class,
          SnapshotController.class,
          IpAddressController.class,
          FirewallController.class,
          FirewallRuleController.class,
          CustomerController.class,
          UserController.class,
          GroupController.class,
          RoleController.class);

  private final ApiSettings settings;
  private final Database database;
  private final JsonMapper json = ServiceJson.builder().build();

  public ApiConfiguration(ApiSettings settings, Database database) {
    this.settings = settings;
    this.database = database;
  }

  /** Plain reads: spread over the replicas when there are any. */
  private DataSource reads() {
    return database.reads();
  }

  @Bean(destroyMethod = "close")
  Registration registration(Database database) {
    return new ComponentRegistry(database.primary(), Duration.ofSeconds(30))
        .register(COMPONENT, BuildVersion.of(ApiConfiguration.class), Duration.ofSeconds(10));
  }

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  CustomerKeys customerKeys() {
    return CustomerKeys.open(database.primary(), settings.keys());
  }

  @Bean
  ApiKeyStore apiKeyStore(CustomerKeys keys) {
    // Key lookups read the primary: a key revoked a moment ago must not sign on a lagging replica.
    return new ApiKeyStore(database.primary(), database.primary(), keys);
  }

  @Bean
  DispatcherGateway dispatcherGateway() {
    return new DispatcherGateway(
        settings.tls().load(), settings.dispatcherUrl(), settings.dispatcherTimeout());
  }

  @Bean
  SignatureFilter signatureFilter(ApiKeyStore keys, Clock clock) {
    long skew = settings.clockSkew().toMillis();
    return new SignatureFilter(
        keys,
        new ReplayGuard(skew),
        new RateLimiter(settings.rateLimit(), settings.rateBurst()),
        skew,
        clock,
        Set.of(Api.ROOT, Api.ROOT + "/", VersionsController.OPENAPI));
  }

  /**
   * The body limit; JSON as the shared mapper, lenient on unknown fields as enStratus clients need.
   */
  @Bean
  ServiceWeb serviceWeb() {
    return new ServiceWeb(
        settings.server().maxBodyBytes(),
        json,
        RefusalListener.logTo(LoggerFactory.getLogger(ApiConfiguration.class)));
  }

  @Bean
  HeadCounts headCounts() {
    return new HeadCounts();
  }

  @Bean
  ApiErrors apiErrors() {
    return new ApiErrors();
  }

  @Bean
  VersionsController versionsController() {
    return new VersionsController();
  }

  @Bean
  AccountController accountController(DispatcherGateway dispatcher) {
    return new AccountController(dispatcher);
  }

  @Bean
  ApiKeyController apiKeyController(ApiKeyStore keys, Clock clock) {
    return new ApiKeyController(keys, database.primary(), clock);
  }

  @Bean
  ServerController serverController(DispatcherGateway dispatcher) {
    return new ServerController(reads(), dispatcher);
  }

  @Bean
  KindReads kindReads() {
    return new KindReads(reads());
  }

  /** List, get and HEAD of every declared kind. */
  @Bean
  KindController kindController(KindReads reads) {
    Set<String> handWritten = new HashSet<>();
    for (Class<?> controller : CONTROLLERS) {
      RequestMapping root =
          AnnotatedElementUtils.findMergedAnnotation(controller, RequestMapping.class);
      if (root != null) {
        handWritten.addAll(List.of(root.path()));
      }
    }
    return new KindController(reads, settings.pageSize(), handWritten);
  }

  @Bean
  VolumeController volumeController(KindReads reads, DispatcherGateway dispatcher) {
    return new VolumeController(reads, dispatcher);
  }

  @Bean
  SnapshotController snapshotController(KindReads reads, DispatcherGateway dispatcher) {
    return new SnapshotController(reads, dispatcher);
  }

  @Bean
  IpAddressController ipAddressController(KindReads reads, DispatcherGateway dispatcher) {
    return new IpAddressController(reads, dispatcher);
  }

  @Bean
  FirewallController firewallController(KindReads reads, DispatcherGateway dispatcher) {
    return new FirewallController(reads, dispatcher);
  }

  @Bean
  FirewallRuleController firewallRuleController(KindReads kinds, DispatcherGateway dispatcher) {
    return new FirewallRuleController(reads(), kinds, dispatcher);
  }

  @Bean
  CustomerController customerController() {
    return new CustomerController(reads());
  }

  /** Users, groups and roles: written to the primary with their audit events, as the console. */
  @Bean
  People people() {
    return new People(database.primary());
  }

  @Bean
  UserController userController(People people) {
    return new UserController(reads(), people);
  }

  @Bean
  GroupController groupController(People people) {
    return new GroupController(reads(), people);
  }

  @Bean
  RoleController roleController(People people) {
    return new RoleController(reads(), people);
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(new UnknownParameters());
  }

  @Override
  public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
    resolvers.add(new AccessResolver(new AccessLoader(database.primary())));
  }

  /** Besides the shared converters: untyped JSON bodies, read by the same mapper. */
  @Override
  public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
    converters.add(new UntypedJsonReader(json));
  }
}
