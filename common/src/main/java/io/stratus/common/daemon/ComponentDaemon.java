package io.stratus.common.daemon;

import io.stratus.common.config.Config;
import io.stratus.common.config.ConfigException;
import io.stratus.common.logging.LogFiles;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.apache.commons.daemon.Daemon;
import org.apache.commons.daemon.DaemonContext;
import org.apache.commons.daemon.DaemonInitException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link Component} as a Commons Daemon (jsvc calls {@code init}, {@code start}, {@code
 * stop}, {@code destroy}) or from a plain {@code main} ({@link #runInForeground}), which stops it
 * on SIGTERM or Ctrl-C.
 *
 * <p>The configuration directory is {@code -Dstratus.etc} or {@code $STRATUS_ETC} (default {@code
 * etc}); when {@code -Dstratus.log.dir} or {@code $STRATUS_LOG_DIR} is set, the log also goes to
 * {@code <dir>/<component>.log}.
 */
public abstract class ComponentDaemon implements Daemon {
  private static final Logger log = LoggerFactory.getLogger(ComponentDaemon.class);

  private final String name;
  private final ComponentFactory factory;
  private Config config;
  private Component component;

  protected ComponentDaemon(String name, ComponentFactory factory) {
    this.name = name;
    this.factory = factory;
  }

  @Override
  public void init(DaemonContext context) throws DaemonInitException {
    try {
      load();
    } catch (ConfigException e) {
      throw new DaemonInitException(name + ": " + e.getMessage());
    }
  }

  @Override
  public void start() throws Exception {
    if (config == null) {
      load();
    }
    component = factory.create(config);
    component.start();
    log.info("{} started", name);
  }

  @Override
  public void stop() throws Exception {
    if (component != null) {
      log.info("{} stopping", name);
      component.close();
      component = null;
      log.info("{} stopped", name);
    }
  }

  @Override
  public void destroy() {}

  /** Runs until the JVM is asked to stop; exits 1 with the reason if start-up fails. */
  protected void runInForeground() {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    stop();
                  } catch (Exception e) {
                    log.error("{} did not stop cleanly", name, e);
                  } finally {
                    stopped.countDown();
                  }
                },
                name + "-shutdown"));
    try {
      start();
    } catch (Exception e) {
      log.error("{} failed to start: {}", name, e.getMessage());
      System.err.println(name + " failed to start: " + e.getMessage());
      Runtime.getRuntime().halt(1);
    }
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void load() {
    Path etc = Path.of(setting("stratus.etc", "STRATUS_ETC", "etc"));
    String logDir = setting("stratus.log.dir", "STRATUS_LOG_DIR", "");
    if (!logDir.isEmpty()) {
      LogFiles.toFile(name, Path.of(logDir));
    }
    config = Config.load(configName(), etc);
  }

  /** The properties file's base name; by default the component's name. */
  protected String configName() {
    return name;
  }

  private static String setting(String property, String env, String defaultValue) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      value = System.getenv(env);
    }
    return value == null || value.isBlank() ? defaultValue : value;
  }
}
