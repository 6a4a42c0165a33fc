package io.stratus.console;

import io.stratus.common.access.AccessLoader;
import io.stratus.common.daemon.BuildVersion;
import io.stratus.common.db.Database;
import io.stratus.common.keys.CustomerKeys;
import io.stratus.common.registry.ComponentRegistry;
import io.stratus.common.registry.Registration;
import io.stratus.console.signin.SecurityConfiguration;
import io.stratus.console.signin.SessionConfiguration;
import io.stratus.console.web.Reads;
import io.stratus.console.web.Session;
import io.stratus.console.web.SessionResolver;
import io.stratus.web.dispatch.DispatcherClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewResolverRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.spring6.templateresolver.SpringResourceTemplateResolver;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;
import org.thymeleaf.templatemode.TemplateMode;

/**
 * The console's beans: reads from the main schema (replicas when configured), sessions in MySQL,
 * Spring Security, the Dispatcher client for every action, server-rendered pages (Thymeleaf
 * templates under {@code templates/}, assets under {@code static/} and htmx from its WebJar), and
 * one controller per domain concept, found by scanning {@code io.stratus.console}.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebMvc
@Import({ConsoleDataConfiguration.class, SessionConfiguration.class, SecurityConfiguration.class})
@ComponentScan(
    basePackages = "io.stratus.console",
    excludeFilters =
        @ComponentScan.Filter(type = FilterType.ANNOTATION, classes = Configuration.class))
public class ConsoleConfiguration implements WebMvcConfigurer {
  public static final String COMPONENT = "console";

  private final ConsoleSettings settings;
  private final Database database;
  private final ApplicationContext context;

  public ConsoleConfiguration(
      ConsoleSettings settings, Database database, ApplicationContext context) {
    this.settings = settings;
    this.database = database;
    this.context = context;
  }

  @Bean(destroyMethod = "close")
  Registration registration() {
    return new ComponentRegistry(database.primary(), Duration.ofSeconds(30))
        .register(COMPONENT, BuildVersion.of(ConsoleConfiguration.class), Duration.ofSeconds(10));
  }

  @Bean
  CustomerKeys customerKeys() {
    return CustomerKeys.open(database.primary(), settings.keys());
  }

  @Bean
  DispatcherClient dispatcherClient() {
    return new DispatcherClient(
        settings.tls().load(), settings.dispatcherUrl(), settings.dispatcherTimeout());
  }

  @Bean
  Session session() {
    return new Session(new AccessLoader(database.reads()));
  }

  @Bean
  Reads reads() {
    return new Reads(database.reads());
  }

  @Bean
  SpringTemplateEngine templateEngine() {
    SpringResourceTemplateResolver templates = new SpringResourceTemplateResolver();
    templates.setApplicationContext(context);
    templates.setPrefix("classpath:/templates/");
    templates.setSuffix(".html");
    templates.setTemplateMode(TemplateMode.HTML);
    templates.setCharacterEncoding(StandardCharsets.UTF_8.name());
    templates.setCacheable(true);
    SpringTemplateEngine engine = new SpringTemplateEngine();
    engine.setTemplateResolver(templates);
    // Interpreted, not compiled: SpEL's compiler keeps generated classes in a loader tied to the
    // first web application that used it, which breaks pages after a console restarts in the
    // same JVM (the single-machine mode, the tests); the pages are small enough not to need it.
    engine.setEnableSpringELCompiler(false);
    return engine;
  }

  @Override
  public void configureViewResolvers(ViewResolverRegistry registry) {
    ThymeleafViewResolver views = new ThymeleafViewResolver();
    views.setTemplateEngine(context.getBean(SpringTemplateEngine.class));
    views.setCharacterEncoding(StandardCharsets.UTF_8.name());
    views.setContentType("text/html;charset=UTF-8");
    registry.viewResolver(views);
  }

  @Override
  public void addResourceHandlers(ResourceHandlerRegistry registry) {
    registry.addResourceHandler("/static/**").addResourceLocations("classpath:/static/");
    registry
        .addResourceHandler("/webjars/**")
        .addResourceLocations("classpath:/META-INF/resources/webjars/");
  }

  @Override
  public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
    resolvers.add(new SessionResolver(context.getBean(Session.class)));
  }

  public ConsoleSettings settings() {
    return settings;
  }
}
