package io.stratus.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.stratus.api.access.AccessResolver;
import io.stratus.api.admin.AccountController;
import io.stratus.api.admin.ApiKeyController;
import io.stratus.api.admin.CustomerController;
import io.stratus.api.admin.GroupController;
import io.stratus.api.admin.JobController;
import io.stratus.api.admin.RoleController;
import io.stratus.api.admin.UserController;
import io.stratus.api.auth.ApiKeyStore;
import io.stratus.api.auth.RateLimiter;
import io.stratus.api.auth.ReplayGuard;
import io.stratus.api.auth.SignatureFilter;
import io.stratus.api.dispatch.DispatcherGateway;
import io.stratus.api.geography.CloudController;
import io.stratus.api.geography.DataCenterController;
import io.stratus.api.geography.RegionController;
import io.stratus.api.infrastructure.MachineImageController;
import io.stratus.api.infrastructure.ServerController;
import io.stratus.api.infrastructure.ServerProductController;
import io.stratus.api.infrastructure.SnapshotController;
import io.stratus.api.infrastructure.VolumeController;
import io.stratus.api.infrastructure.VolumeProductController;
import io.stratus.api.network.FirewallController;
import io.stratus.api.network.FirewallRuleController;
import io.stratus.api.network.IpAddressController;
import io.stratus.api.web.ApiErrors;
import io.stratus.api.web.BodyLimit;
import io.stratus.api.web.HeadCounts;
import io.stratus.api.web.OwnedReads;
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
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.converter.ByteArrayHttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The API's beans: reads from the main schema (replicas when configured), the customer keys that
 * open API key secrets, the Dispatcher gateway for every action, the signature filter, and one
 * controller per resource.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebMvc
@Import(ApiDataConfiguration.class)
public class ApiConfiguration implements WebMvcConfigurer {
  public static final String COMPONENT = "api";

  /** Every controller, for the wiring below and the OpenAPI check. */
  public static final List<Class<?>> CONTROLLERS =
      List.of(
          VersionsController.class,
          CloudController.class,
          RegionController.class,
          DataCenterController.class,
          AccountController.class,
          JobController.class,
          ApiKeyController.class,
          ServerController.class,
          MachineImageController.class,
          ServerProductController.class,
          VolumeProductController.class,
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

  @Bean
  BodyLimit apiBodyLimitFilter() {
    return new BodyLimit(settings.server().maxBodyBytes());
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
  CloudController cloudController() {
    return new CloudController(reads());
  }

  @Bean
  RegionController regionController() {
    return new RegionController(reads());
  }

  @Bean
  DataCenterController dataCenterController() {
    return new DataCenterController(reads());
  }

  @Bean
  AccountController accountController(DispatcherGateway dispatcher) {
    return new AccountController(reads(), dispatcher);
  }

  @Bean
  JobController jobController() {
    return new JobController(reads(), settings.pageSize());
  }

  @Bean
  ApiKeyController apiKeyController(ApiKeyStore keys, Clock clock) {
    return new ApiKeyController(keys, database.primary(), clock);
  }

  @Bean
  ServerController serverController(DispatcherGateway dispatcher) {
    return new ServerController(reads(), dispatcher, settings.pageSize());
  }

  @Bean
  MachineImageController machineImageController() {
    return new MachineImageController(reads());
  }

  @Bean
  ServerProductController serverProductController() {
    return new ServerProductController(reads());
  }

  @Bean
  VolumeProductController volumeProductController() {
    return new VolumeProductController(reads());
  }

  @Bean
  OwnedReads ownedReads() {
    return new OwnedReads(reads());
  }

  @Bean
  VolumeController volumeController(OwnedReads owned, DispatcherGateway dispatcher) {
    return new VolumeController(owned, reads(), dispatcher);
  }

  @Bean
  SnapshotController snapshotController(OwnedReads owned, DispatcherGateway dispatcher) {
    return new SnapshotController(owned, dispatcher);
  }

  @Bean
  IpAddressController ipAddressController(OwnedReads owned, DispatcherGateway dispatcher) {
    return new IpAddressController(owned, dispatcher);
  }

  @Bean
  FirewallController firewallController(OwnedReads owned, DispatcherGateway dispatcher) {
    return new FirewallController(owned, dispatcher);
  }

  @Bean
  FirewallRuleController firewallRuleController(OwnedReads owned, DispatcherGateway dispatcher) {
    return new FirewallRuleController(reads(), owned, dispatcher);
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

  @Override
  public void configureMessageConverters(List<HttpMessageConverter<?>> converters) {
    ObjectMapper json =
        JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();
    converters.add(new ByteArrayHttpMessageConverter());
    converters.add(new MappingJackson2HttpMessageConverter(json));
    converters.add(new UntypedJsonReader(json));
  }
}
