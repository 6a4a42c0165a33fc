package io.stratus.common.keys;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every customer's own AEAD keyset (Tink, AES-256-GCM), kept in {@code customer_keyset} wrapped by
 * the installation's key-encryption key ({@link KeyEncryptionKeys}) and bound to the customer's id,
 * so a keyset row copied to another customer does not unwrap.
 *
 * <p>A rotation adds a new primary key: new credentials are encrypted with it, older ones still
 * decrypt with the key that encrypted them, and {@link CredentialVault#reencrypt(long)} moves them
 * all to the new one. Unwrapped keysets are cached for {@link KeySettings#cacheTtl()}.
 */
public final class CustomerKeys {
  private static final Logger log = LoggerFactory.getLogger(CustomerKeys.class);

  static {
    try {
      AeadConfig.register();
    } catch (GeneralSecurityException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** A customer's unwrapped keyset as a primitive, and which key is its primary. */
  record CustomerAead(long customerId, long primaryKeyId, Aead aead) {}

  private record Cached(CustomerAead aead, Instant loadedAt) {}

  private final CustomerKeysetRepository keysets;
  private final KeyEncryptionKeys keks;
  private final Duration cacheTtl;
  private final Clock clock;
  private final Map<Long, Cached> cache = new ConcurrentHashMap<>();

  public CustomerKeys(DataSource primary, KeyEncryptionKeys keks, Duration cacheTtl) {
    this(new CustomerKeysetRepository(primary), keks, cacheTtl, Clock.systemUTC());
  }

  CustomerKeys(
      CustomerKeysetRepository keysets, KeyEncryptionKeys keks, Duration cacheTtl, Clock clock) {
    this.keysets = keysets;
    this.keks = keks;
    this.cacheTtl = cacheTtl;
    this.clock = clock;
  }

  /** From the component's settings: loads the KEK file named by {@code keys.kek.file}. */
  public static CustomerKeys open(DataSource primary, KeySettings settings) {
    return new CustomerKeys(
        primary, KeyEncryptionKeys.load(settings.kekFile()), settings.cacheTtl());
  }

  /**
   * Gives the customer its keyset; call it when the customer is created. Does nothing if the
   * customer already has one.
   *
   * @return true if a keyset was created
   */
  public boolean create(long customerId) {
    try {
      KeysetHandle handle = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
      boolean created = keysets.insert(wrap(customerId, handle));
      if (created) {
        log.info("Customer {} has its own keyset now", customerId);
      }
      return created;
    } catch (GeneralSecurityException e) {
      throw new CustomerKeyException("cannot create a keyset for customer " + customerId, e);
    }
  }

  /**
   * Adds a new primary key to the customer's keyset. Existing credentials keep decrypting; run
   * {@link CredentialVault#reencrypt(long)} to move them to the new key.
   *
   * @return the new primary key's id
   */
  public long rotate(long customerId) {
    CustomerKeysetRepository.Row row = row(customerId);
    try {
      KeysetHandle handle = unwrap(row);
      KeysetHandle rotated =
          KeysetHandle.newBuilder(handle)
              .addEntry(
                  KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                      .withRandomId()
                      .makePrimary())
              .build();
      CustomerKeysetRepository.Row next = wrap(customerId, rotated);
      if (!keysets.replace(row, next, true)) {
        throw new CustomerKeyException(
            "customer " + customerId + "'s keyset changed while it was rotated; run it again");
      }
      cache.remove(customerId);
      log.info(
          "Customer {} keyset rotated: primary key {} ({} keys)",
          customerId,
          next.primaryKeyId(),
          next.keyCount());
      return next.primaryKeyId();
    } catch (GeneralSecurityException e) {
      throw new CustomerKeyException("cannot rotate customer " + customerId + "'s keyset", e);
    }
  }

  /**
   * Wraps every keyset that an older key-encryption key wraps with the current one; run it after
   * {@link KeyEncryptionKeys#rotate} once every host has the new file.
   *
   * @return how many keysets were rewrapped
   */
  public int rewrapAll() {
    List<Long> customers = keysets.customersNotWrappedBy(keks.currentId());
    int done = 0;
    for (long customerId : customers) {
      CustomerKeysetRepository.Row row = row(customerId);
      try {
        if (keysets.replace(row, wrap(customerId, unwrap(row)), false)) {
          done++;
        }
      } catch (GeneralSecurityException e) {
        throw new CustomerKeyException("cannot rewrap customer " + customerId + "'s keyset", e);
      }
    }
    cache.clear();
    log.info("Rewrapped {} customer keyset(s) with {}", done, keks.currentId());
    return done;
  }

  /**
   * Encrypts a small secret (an agent's bootstrap token) with the customer's keyset, bound to
   * {@code purpose}: text that can sit in a task payload and be opened only by a component holding
   * the KEK, for this customer and this purpose.
   */
  public String seal(long customerId, String purpose, String secret) {
    try {
      byte[] sealed =
          aead(customerId)
              .aead()
              .encrypt(secret.getBytes(StandardCharsets.UTF_8), sealedData(customerId, purpose));
      return Base64.getEncoder().encodeToString(sealed);
    } catch (GeneralSecurityException e) {
      throw new CustomerKeyException("cannot seal a secret for customer " + customerId, e);
    }
  }

  /**
   * Opens what {@link #seal} wrote for the same customer and purpose.
   *
   * @throws CustomerKeyException if it was sealed for another customer or purpose, or altered
   */
  public String open(long customerId, String purpose, String sealed) {
    try {
      byte[] plain =
          aead(customerId)
              .aead()
              .decrypt(Base64.getDecoder().decode(sealed), sealedData(customerId, purpose));
      return new String(plain, StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new CustomerKeyException(
          "a sealed "
              + purpose
              + " does not open for customer "
              + customerId
              + ": it was sealed for another customer or purpose, or altered",
          e);
    }
  }

  private static byte[] sealedData(long customerId, String purpose) {
    return ("stratus:sealed:customer:" + customerId + ":" + purpose)
        .getBytes(StandardCharsets.US_ASCII);
  }

  /** The customer's primary key id, as stored; for reports and tests. */
  public long primaryKeyId(long customerId) {
    return row(customerId).primaryKeyId();
  }

  /** The customer's keyset as an AEAD, from the cache when fresh. */
  CustomerAead aead(long customerId) {
    Instant now = clock.instant();
    Cached cached = cache.get(customerId);
    if (cached != null && cached.loadedAt().plus(cacheTtl).isAfter(now)) {
      return cached.aead();
    }
    CustomerKeysetRepository.Row row = row(customerId);
    try {
      Aead aead = unwrap(row).getPrimitive(RegistryConfiguration.get(), Aead.class);
      CustomerAead loaded = new CustomerAead(customerId, row.primaryKeyId(), aead);
      if (!cacheTtl.isZero()) {
        cache.put(customerId, new Cached(loaded, now));
      }
      return loaded;
    } catch (GeneralSecurityException e) {
      throw new CustomerKeyException("cannot use customer " + customerId + "'s keyset", e);
    }
  }

  /** Forgets the cached keyset, so the next use reads the row again. */
  void forget(long customerId) {
    cache.remove(customerId);
  }

  private CustomerKeysetRepository.Row row(long customerId) {
    return keysets
        .find(customerId)
        .orElseThrow(
            () ->
                new CustomerKeyException(
                    "customer "
                        + customerId
                        + " has no keyset; a customer gets one when it is created"
                        + " (CustomerKeys.create)"));
  }

  private CustomerKeysetRepository.Row wrap(long customerId, KeysetHandle handle)
      throws GeneralSecurityException {
    byte[] wrapped =
        TinkProtoKeysetFormat.serializeEncryptedKeyset(
            handle, keks.current(), associatedData(customerId));
    return new CustomerKeysetRepository.Row(
        customerId,
        keks.currentId(),
        Integer.toUnsignedLong(handle.getPrimary().getId()),
        handle.size(),
        wrapped);
  }

  private KeysetHandle unwrap(CustomerKeysetRepository.Row row) {
    try {
      return TinkProtoKeysetFormat.parseEncryptedKeyset(
          row.wrapped(), keks.byId(row.kekId()), associatedData(row.customerId()));
    } catch (GeneralSecurityException e) {
      throw new CustomerKeyException(
          "customer "
              + row.customerId()
              + "'s keyset does not unwrap with "
              + row.kekId()
              + ": the key file is not the one that wrapped it, or the row was altered or moved"
              + " from another customer",
          e);
    }
  }

  private static byte[] associatedData(long customerId) {
    return ("stratus:customer-keyset:" + customerId).getBytes(StandardCharsets.US_ASCII);
  }
}
