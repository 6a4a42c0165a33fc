-- Cache work: one row per (cloud account, region, resource kind) that a cache worker keeps
-- current. The publisher creates the rows for every active account and region, publishes the
-- ones that are due, and a subscriber leases one while it polls and reconciles.
CREATE TABLE cache_work (
  id                BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  customer_id       BIGINT       NOT NULL,
  cloud_account_id  BIGINT       NOT NULL,
  region_id         BIGINT       NOT NULL,
  kind              VARCHAR(32)  NOT NULL,
  interval_ms       INT          NOT NULL,
  next_due_at       DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  published_at      DATETIME(3)  NULL,
  lease_owner       VARCHAR(128) NULL,
  lease_expires_at  DATETIME(3)  NULL,
  last_polled_at    DATETIME(3)  NULL,
  last_error        VARCHAR(2000) NULL,
  consecutive_failures INT       NOT NULL DEFAULT 0,
  UNIQUE KEY uk_cache_work (region_id, kind),
  KEY ix_cache_work_due (next_due_at),
  KEY ix_cache_work_customer (customer_id),
  CONSTRAINT fk_cache_work_account FOREIGN KEY (cloud_account_id) REFERENCES cloud_account (id) ON DELETE CASCADE,
  CONSTRAINT fk_cache_work_region FOREIGN KEY (region_id) REFERENCES region (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
