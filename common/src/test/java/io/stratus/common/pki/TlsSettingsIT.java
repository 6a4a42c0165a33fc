package io.stratus.common.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratus.common.config.Config;
import io.stratus.common.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A component's TLS settings: the files from 'pki issue', checked and loaded. */
class TlsSettingsIT {
  @TempDir Path dir;

  @Test
  void shouldLoadAComponentsIdentityAndTrust() {
    CertificateAuthority ca = CertificateAuthority.init(dir, "test");
    ca.issue("worker", "w1.example.com", dir.resolve("worker.p12"));
    TlsSettings settings =
        TlsSettings.from(
            Config.of(
                "worker",
                Map.of(
                    "tls.keystore", dir.resolve("worker.p12").toString(),
                    "tls.truststore", ca.trustStore().toString()),
                Map.of()),
            "tls");
    TlsMaterial tls = settings.load();
    assertEquals(new ComponentIdentity("worker", "w1.example.com"), tls.identity());
    assertTrue(tls.sslContext().getProtocol().startsWith("TLS"));
  }

  @Test
  void shouldNameTheKeyWhoseFileOrPasswordIsMissing() throws Exception {
    CertificateAuthority ca = CertificateAuthority.init(dir, "test");
    ConfigException missing =
        assertThrows(
            ConfigException.class,
            () ->
                TlsSettings.from(
                    Config.of(
                        "worker",
                        Map.of(
                            "tls.keystore", dir.resolve("nope.p12").toString(),
                            "tls.truststore", ca.trustStore().toString()),
                        Map.of()),
                    "tls"));
    assertEquals("tls.keystore", missing.key());
    ca.issue("worker", "w1", dir.resolve("worker.p12"));
    Files.delete(dir.resolve("worker.p12.password"));
    ConfigException password =
        assertThrows(
            ConfigException.class,
            () ->
                TlsSettings.from(
                    Config.of(
                        "worker",
                        Map.of(
                            "tls.keystore", dir.resolve("worker.p12").toString(),
                            "tls.truststore", ca.trustStore().toString()),
                        Map.of()),
                    "tls"));
    assertTrue(password.getMessage().contains("password file"), password.getMessage());
  }

  @Test
  void shouldRefuseATrustStoreAsAKeyStore() {
    CertificateAuthority ca = CertificateAuthority.init(dir, "test");
    PkiException e =
        assertThrows(PkiException.class, () -> TlsMaterial.load(ca.trustStore(), ca.trustStore()));
    assertTrue(e.getMessage().contains("holds no private key"), e.getMessage());
  }
}
