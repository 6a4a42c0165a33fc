package io.stratus.km;

import io.stratus.km.audit.AccessLog;
import io.stratus.km.audit.Outcome;
import io.stratus.km.key.KeyController;
import io.stratus.km.key.KeyIds;
import io.stratus.km.key.KeyRepository;
import io.stratus.km.key.KeyService;
import io.stratus.km.key.KeyValidator;
import io.stratus.km.web.KmErrors;
import io.stratus.web.ComponentAccessFilter;
import io.stratus.web.RefusalListener;
import io.stratus.web.ServiceJson;
import io.stratus.web.ServiceWeb;
import io.stratus.web.ServiceWebConfiguration;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The Key Manager's one wiring root: its data ({@link KmDataConfiguration}), the audit log, the key
 * service and its controller, the filter that checks the caller, and the web configuration every
 * service shares ({@link ServiceWebConfiguration}: strict JSON, the body limit) with its refusals
 * audited.
 */
@Configuration(proxyBeanMethods = false)
@Import({KmDataConfiguration.class, ServiceWebConfiguration.class})
public class KmConfiguration {

  @Bean
  AccessLog accessLog(DataSource kmDataSource) {
    return new AccessLog(kmDataSource);
  }

  @Bean
  KeyService keyService(
      DataSource kmDataSource,
      AccessLog accessLog,
      TransactionTemplate kmTransactions,
      KmSettings settings) {
    return new KeyService(
        new KeyRepository(kmDataSource),
        accessLog,
        kmTransactions,
        new KeyValidator(settings.maxPartBytes()),
        new KeyIds());
  }

  @Bean
  KeyController keyController(KeyService keyService) {
    return new KeyController(keyService);
  }

  @Bean
  KmErrors kmErrors(AccessLog accessLog) {
    return new KmErrors(refusals(accessLog));
  }

  /** The components allowed to call the KM: the seed's rule, not a setting. */
  static final Set<String> CALLERS = Set.of("dispatcher", "worker");

  /** Registered with the servlet container by {@link KmWebInitializer}, first in the chain. */
  @Bean
  ComponentAccessFilter componentAccessFilter(AccessLog accessLog) {
    return new ComponentAccessFilter("the Key Manager", CALLERS, refusals(accessLog));
  }

  /** Strict JSON; the body limit is second in the chain, after the caller is known. */
  @Bean
  ServiceWeb serviceWeb(KmSettings settings, AccessLog accessLog) {
    return new ServiceWeb(settings.maxBodyBytes(), ServiceJson.strict(), refusals(accessLog));
  }

  /** Every refused request is an audit row. */
  private static RefusalListener refusals(AccessLog accessLog) {
    return (request, status, why) -> accessLog.recordRefusal(request, Outcome.ofStatus(status));
  }
}
