-- The kinds of volume each region offers (infrastructure/VolumeProduct in the API), discovered with
-- the region's images and server products when an account is registered or tested.
CREATE TABLE volume_product (
  id                   BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  customer_id          BIGINT       NOT NULL,
  cloud_account_id     BIGINT       NOT NULL,
  region_id            BIGINT       NOT NULL,
  provider_product_id  VARCHAR(200) NOT NULL,
  name                 VARCHAR(200) NOT NULL,
  min_size_gb          INT          NOT NULL,
  max_size_gb          INT          NOT NULL,
  UNIQUE KEY uk_volume_product (region_id, provider_product_id),
  KEY ix_volume_product_customer (customer_id),
  CONSTRAINT fk_volume_product_region FOREIGN KEY (region_id) REFERENCES region (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
