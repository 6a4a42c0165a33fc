package io.stratus.common.pki;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;

/**
 * The installation's internal certificate authority (Bouncy Castle). Keys are EC P-256 with
 * ECDSA/SHA-256 signatures. The CA certificate lives ten years; component certificates two years;
 * certificates signed from a request (guest agents) as long as the caller says, 90 days by default.
 * Every certificate it issues names its component in a subject-alternative-name URI ({@link
 * ComponentIdentity}) and is good for both TLS server and client authentication.
 *
 * <p>Files in the PKI directory: {@code ca.p12} (the CA's key, never leaves this directory), {@code
 * ca.crt} (PEM), {@code truststore.p12} (the CA certificate, for every component), each store with
 * its generated {@code .password} file, all owner-only.
 */
public final class CertificateAuthority {
  public static final Duration CA_LIFETIME = Duration.ofDays(3650);
  public static final Duration COMPONENT_LIFETIME = Duration.ofDays(730);
  public static final Duration AGENT_LIFETIME = Duration.ofDays(90);

  static final String CA_STORE = "ca.p12";
  static final String TRUST_STORE = "truststore.p12";
  private static final String ALIAS = "stratus";
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:-]{1,253}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path dir;
  private final PrivateKey key;
  private final X509Certificate certificate;

  private CertificateAuthority(Path dir, PrivateKey key, X509Certificate certificate) {
    this.dir = dir;
    this.key = key;
    this.certificate = certificate;
  }

  /**
   * Creates the installation CA in {@code dir}.
   *
   * @throws PkiException if a CA already exists there (it is never overwritten)
   */
  public static CertificateAuthority init(Path dir, String installationName) {
    if (Files.exists(dir.resolve(CA_STORE))) {
      throw new PkiException("a CA already exists in " + dir + "; it is never overwritten");
    }
    try {
      KeyPair pair = newKeyPair();
      X500Name name =
          new X500NameBuilder(BCStyle.INSTANCE)
              .addRDN(BCStyle.O, "Stratus")
              .addRDN(BCStyle.CN, "Stratus installation CA " + installationName)
              .build();
      Instant now = Instant.now();
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
                  name,
                  serial(),
                  Date.from(now.minusSeconds(300)),
                  Date.from(now.plus(CA_LIFETIME)),
                  name,
                  pair.getPublic())
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
              .addExtension(
                  Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
              .addExtension(
                  Extension.subjectKeyIdentifier,
                  false,
                  utils.createSubjectKeyIdentifier(pair.getPublic()));
      X509Certificate ca = sign(builder, pair.getPrivate());
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      char[] password = KeyStores.newPassword();
      store.setKeyEntry(ALIAS, pair.getPrivate(), password, new Certificate[] {ca});
      KeyStores.save(store, dir.resolve(CA_STORE), password);
      Files.writeString(dir.resolve("ca.crt"), pem(ca), StandardCharsets.US_ASCII);
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("stratus-ca", ca);
      KeyStores.save(trust, dir.resolve(TRUST_STORE), KeyStores.newPassword());
      return new CertificateAuthority(dir, pair.getPrivate(), ca);
    } catch (IOException | GeneralSecurityException e) {
      throw new PkiException("cannot create the CA in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Opens the CA in {@code dir}. */
  public static CertificateAuthority load(Path dir) {
    Path file = dir.resolve(CA_STORE);
    if (!Files.exists(file)) {
      throw new PkiException("no CA in " + dir + ": run 'stratus-admin pki init' first");
    }
    KeyStore store = KeyStores.load(file);
    try {
      PrivateKey key = (PrivateKey) store.getKey(ALIAS, KeyStores.password(file));
      return new CertificateAuthority(dir, key, (X509Certificate) store.getCertificate(ALIAS));
    } catch (GeneralSecurityException e) {
      throw new PkiException("cannot read the CA key in " + file + ": " + e.getMessage(), e);
    }
  }

  public X509Certificate certificate() {
    return certificate;
  }

  /** The trust store every component uses: the CA certificate only. */
  public Path trustStore() {
    return dir.resolve(TRUST_STORE);
  }

  /**
   * Issues a certificate for {@code component} on {@code host} into a new PKCS#12 key store at
   * {@code out} (with its password file).
   */
  public X509Certificate issue(String component, String host, Path out) {
    checkName(component, host);
    try {
      KeyPair pair = newKeyPair();
      X509Certificate issued = signFor(pair.getPublic(), component, host, COMPONENT_LIFETIME);
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      char[] password = KeyStores.newPassword();
      store.setKeyEntry(
          ALIAS, pair.getPrivate(), password, new Certificate[] {issued, certificate});
      KeyStores.save(store, out, password);
      return issued;
    } catch (IOException | GeneralSecurityException e) {
      throw new PkiException(
          "cannot issue a certificate for " + component + ": " + e.getMessage(), e);
    }
  }

  /**
   * Signs a certificate request (a guest agent's, with an EC key) for {@code component} on {@code
   * host}, after checking the request's own signature. The requested subject is ignored: the CA
   * decides names.
   */
  public X509Certificate signRequest(
      PKCS10CertificationRequest request, String component, String host, Duration lifetime) {
    checkName(component, host);
    try {
      PublicKey key =
          java.security.KeyFactory.getInstance("EC")
              .generatePublic(
                  new java.security.spec.X509EncodedKeySpec(
                      request.getSubjectPublicKeyInfo().getEncoded()));
      if (!request.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key))) {
        throw new PkiException("the certificate request's signature is not valid");
      }
      return signFor(key, component, host, lifetime);
    } catch (OperatorCreationException | PKCSException | GeneralSecurityException | IOException e) {
      throw new PkiException("cannot sign the certificate request: " + e.getMessage(), e);
    }
  }

  private X509Certificate signFor(PublicKey key, String component, String host, Duration lifetime)
      throws GeneralSecurityException {
    Instant now = Instant.now();
    Instant notAfter = now.plus(lifetime);
    if (notAfter.isAfter(certificate.getNotAfter().toInstant())) {
      notAfter = certificate.getNotAfter().toInstant();
    }
    X500Name subject =
        new X500NameBuilder(BCStyle.INSTANCE)
            .addRDN(BCStyle.O, "Stratus")
            .addRDN(BCStyle.OU, component)
            .addRDN(BCStyle.CN, component + "@" + host)
            .build();
    GeneralName hostName =
        isAddress(host)
            ? new GeneralName(GeneralName.iPAddress, host)
            : new GeneralName(GeneralName.dNSName, host);
    JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
    try {
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
                  certificate,
                  serial(),
                  Date.from(now.minusSeconds(300)),
                  Date.from(notAfter),
                  subject,
                  key)
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
              .addExtension(
                  Extension.keyUsage,
                  true,
                  new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement))
              .addExtension(
                  Extension.extendedKeyUsage,
                  false,
                  new ExtendedKeyUsage(
                      new KeyPurposeId[] {
                        KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth
                      }))
              .addExtension(
                  Extension.subjectAlternativeName,
                  false,
                  new GeneralNames(
                      new GeneralName[] {
                        hostName,
                        new GeneralName(
                            GeneralName.uniformResourceIdentifier,
                            ComponentIdentity.URI_PREFIX + component)
                      }))
              .addExtension(
                  Extension.authorityKeyIdentifier,
                  false,
                  utils.createAuthorityKeyIdentifier(certificate))
              .addExtension(
                  Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(key));
      return sign(builder, this.key);
    } catch (IOException e) {
      throw new PkiException("cannot build the certificate: " + e.getMessage(), e);
    }
  }

  private static void checkName(String component, String host) {
    if (component == null || !NAME.matcher(component).matches()) {
      throw new PkiException(
          "a component name is 1..32 lower-case letters, digits or '-': " + component);
    }
    if (host == null || !HOST.matcher(host).matches()) {
      throw new PkiException("not a host name or address: " + host);
    }
  }

  private static boolean isAddress(String host) {
    if (!host.matches("[0-9.]+") && !host.contains(":")) {
      return false;
    }
    try {
      InetAddress.getByName(host);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static KeyPair newKeyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
    return generator.generateKeyPair();
  }

  private static BigInteger serial() {
    return new BigInteger(127, RANDOM).add(BigInteger.ONE);
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
      throws GeneralSecurityException {
    try {
      return new JcaX509CertificateConverter()
          .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException("cannot sign: " + e.getMessage(), e);
    }
  }

  /** The certificate in PEM text. */
  public static String pem(X509Certificate certificate) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(certificate);
    } catch (IOException e) {
      throw new PkiException("cannot write a certificate as PEM: " + e.getMessage(), e);
    }
    return out.toString();
  }
}
