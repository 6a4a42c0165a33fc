-- The Key Manager's own schema (stratus_km). De-identified: nothing here says whose a key is.

-- One row per stored key, as the seed describes: a meaningless random id, the scheme that
-- produced the parts, and the two parts, both encrypted by the caller. The KM never decrypts.
CREATE TABLE `key` (
  key_id        BIGINT       NOT NULL PRIMARY KEY COMMENT 'random, not sequential, meaningless',
  version       VARCHAR(64)  NOT NULL COMMENT 'the encryption scheme that produced the parts',
  public_part   TEXT         NOT NULL,
  private_part  TEXT         NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The KM's audit log: every access, allowed or refused. Never the parts.
CREATE TABLE access_log (
  id              BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  at              DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  key_id          BIGINT       NULL COMMENT 'the key asked for; NULL for a create that failed',
  component       VARCHAR(32)  NOT NULL COMMENT 'from the client certificate',
  host            VARCHAR(255) NULL COMMENT 'from the client certificate',
  remote_address  VARCHAR(64)  NULL COMMENT 'from the connection',
  action          VARCHAR(16)  NOT NULL,
  outcome         VARCHAR(16)  NOT NULL,
  KEY ix_access_key (key_id, at),
  KEY ix_access_at (at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
