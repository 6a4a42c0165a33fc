-- Customer keys: each customer's own AEAD keyset (Tink, AES-256-GCM), wrapped by the
-- installation's key-encryption key (KEK), which lives in a key store file on the Dispatcher and
-- worker hosts and in no database. Without that file nothing here can be unwrapped.

CREATE TABLE customer_keyset (
  customer_id     BIGINT          NOT NULL PRIMARY KEY,
  kek_id          VARCHAR(32)     NOT NULL COMMENT 'the KEK entry that wraps the keyset, e.g. kek-1',
  primary_key_id  BIGINT          NOT NULL COMMENT 'Tink id of the primary key: encrypts new credentials',
  key_count       INT             NOT NULL COMMENT 'keys in the keyset: 1 + rotations',
  wrapped_keyset  VARBINARY(16384) NOT NULL COMMENT 'Tink keyset encrypted with the KEK, bound to customer_id',
  created_at      DATETIME(3)     NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  rotated_at      DATETIME(3)     NULL,
  updated_at      DATETIME(3)     NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
  KEY ix_keyset_kek (kek_id),
  CONSTRAINT fk_keyset_customer FOREIGN KEY (customer_id) REFERENCES customer (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Which Key Manager rows belong to which customer, and which of the customer's keys encrypted
-- them, so rotation can re-encrypt every row of a customer. The Key Manager's own schema keeps no
-- customer id: this table, in the main schema, is the only link.
CREATE TABLE customer_credential (
  km_key_id       BIGINT       NOT NULL PRIMARY KEY COMMENT 'the row id in the Key Manager',
  customer_id     BIGINT       NOT NULL,
  keyset_key_id   BIGINT       NOT NULL COMMENT 'Tink id of the customer key that encrypted it',
  created_at      DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  updated_at      DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
  KEY ix_credential_customer (customer_id, keyset_key_id),
  CONSTRAINT fk_credential_customer FOREIGN KEY (customer_id) REFERENCES customer (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
