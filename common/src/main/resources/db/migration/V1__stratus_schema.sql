-- Stratus schema, version 1: identity, clouds and their resources, jobs, tasks, audit,
-- guest agents and the component registry.
-- Every customer-owned table carries customer_id; tenant filtering happens in the data-access
-- layer. Times are UTC, DATETIME(3). Provider ids are the cloud's own identifiers.

CREATE TABLE customer (
  id            BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name          VARCHAR(200) NOT NULL,
  status        VARCHAR(16)  NOT NULL DEFAULT 'active',
  created_at    DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  updated_at    DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
  UNIQUE KEY uk_customer_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE user_account (
  id              BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  customer_id     BIGINT       NOT NULL,
  email           VARCHAR(254) NOT NULL,
  display_name    VARCHAR(200) NOT NULL,
  password_hash   VARCHAR(255) NULL COMMENT 'Argon2id encoded hash; NULL for SSO-only users',
  status          VARCHAR(16)  NOT NULL DEFAULT 'active',
  failed_logins   INT          NOT NULL DEFAULT 0,
  locked_until    DATETIME(3)  NULL,
  last_login_at   DATETIME(3)  NULL,
  created_at      DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  UNIQUE KEY uk_user_email (email),
  KEY ix_user_customer (customer_id),
  CONSTRAINT fk_user_customer FOREIGN KEY (customer_id) REFERENCES customer (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE user_group (
  id           BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  customer_id  BIGINT       NOT NULL,
  name         VARCHAR(200) NOT NULL,
  description  VARCHAR(1000) NULL,
  created_at   DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  UNIQUE KEY uk_group_name (customer_id, name),
  CONSTRAINT fk_group_customer FOREIGN KEY (customer_id) REFERENCES customer (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE group_member (
  customer_id  BIGINT NOT NULL,
  group_id     BIGINT NOT NULL,
  user_id      BIGINT NOT NULL,
  PRIMARY KEY (group_id, user_id),
  KEY ix_member_user (user_id),
  CONSTRAINT fk_member_group FOREIGN KEY (group_id) REFERENCES user_group (id) ON DELETE CASCADE,
  CONSTRAINT fk_member_user FOREIGN KEY (user_id) REFERENCES user_account (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE role (
  id           BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  customer_id  BIGINT       NOT NULL,
  name         VARCHAR(200) NOT NULL,
  description  VARCHAR(1000) NULL,
  UNIQUE KEY uk_role_name (customer_id, name),
  CONSTRAINT fk_role_customer FOREIGN KEY (customer_id) REFERENCES customer (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- A right is resource x action x qualifier, as in enStratus: qualifier ANY (every resource of the
-- customer), GROUP (resources of the user's groups), MINE (resources the user owns).
CREATE TABLE role_right (
  customer_id    BIGINT      NOT NULL,
  role_id        BIGINT      NOT NULL,
  resource_type  VARCHAR(64) NOT NULL,
  action         VARCHAR(64) NOT NULL,
  qualifier      VARCHAR(8)  NOT NULL,
  PRIMARY KEY (role_id, resource_type, action),
  CONSTRAINT ck_right_qualifier CHECK (qualifier IN ('ANY', 'GROUP', 'MINE')),
  CONSTRAINT fk_right_role FOREIGN KEY (role_id) REFERENCES role (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE user_role (
  customer_id  BIGINT NOT NULL,
  user_id      BIGINT NOT NULL,
  role_id      BIGINT NOT NULL,
  PRIMARY KEY (user_id, role_id),
  CONSTRAINT fk_user_role_user FOREIGN KEY (user_id) REFERENCES user_account (id) ON DELETE CASCADE,
  CONSTRAINT fk_user_role_role FOREIGN KEY (role_id) REFERENCES role (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE group_role (
  customer_id  BIGINT NOT NULL,
  group_id     BIGINT NOT NULL,
  role_id      BIGINT NOT NULL,
  PRIMARY KEY (group_id, role_id),
  CONSTRAINT fk_group_role_group FOREIGN KEY (group_id) REFERENCES user_group (id) ON DELETE CASCADE,
  CONSTRAINT fk_group_role_role FOREIGN KEY (role_id) REFERENCES role (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The secret of an API key is needed to check HMAC signatures, so it is kept encrypted with the
-- customer's keyset (never in the clear); the access key is public.
CREATE TABLE api_key (
  id                 BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  customer_id        BIGINT        NOT NULL,
  user_id            BIGINT        NOT NULL,
  access_key         VARCHAR(64)   NOT NULL,
  secret_ciphertext  VARBINARY(512) NOT NULL,
  name               VARCHAR(200)  NULL,
  status             VARCHAR(16)   NOT NULL DEFAULT 'active',
  created_at         DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  expires_at         DATETIME(3)   NULL,
  revoked_at         DATETIME(3)   NULL,
  last_used_at       DATETIME(3)   NULL,
  UNIQUE KEY uk_api_access_key (access_key),
  KEY ix_api_user (user_id),
  CONSTRAINT fk_api_customer FOREIGN KEY (customer_id) REFERENCES customer (id),
  CONSTRAINT fk_api_user FOREIGN KEY (user_id) REFERENCES user_account (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- A cloud is a provider definition shared by every customer: which driver, which endpoint.
CREATE TABLE cloud (
  id             BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name           VARCHAR(200)  NOT NULL,
  provider_name  VARCHAR(64)   NOT NULL COMMENT 'the driver, as found by ServiceLoader',
  endpoint       VARCHAR(1000) NULL,
  description    VARCHAR(1000) NULL,
  status         VARCHAR(16)   NOT NULL DEFAULT 'active',
  created_at     DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  UNIQUE KEY uk_cloud_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- A customer's account on a cloud. Credentials are never here: only the Key Manager's key id.
CREATE TABLE cloud_account (
  id                 BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  customer_id        BIGINT       NOT NULL,
  cloud_id           BIGINT       NOT NULL,
  name               VARCHAR(200) NOT NULL,
  account_number     VARCHAR(200) NULL,
  km_key_id          BIGINT       NULL,
  status             VARCHAR(16)  NOT NULL DEFAULT 'pending',
  status_message     VARCHAR(1000) NULL,
  last_tested_at     DATETIME(3)  NULL,
  created_at         DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  UNIQUE KEY uk_account_name (customer_id, name),
  CONSTRAINT fk_account_customer FOREIGN KEY (customer_id) REFERENCES customer (id),
  CONSTRAINT fk_account_cloud FOREIGN KEY (cloud_id) REFERENCES cloud (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE region (
  id                  BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  customer_id         BIGINT       NOT NULL,
  cloud_account_id    BIGINT       NOT NULL,
  provider_region_id  VARCHAR(200) NOT NULL,
  name                VARCHAR(200) NOT NULL,
  jurisdiction        VARCHAR(64)  NULL,
  status              VARCHAR(16)  NOT NULL DEFAULT 'active',
  UNIQUE KEY uk_region (cloud_account_id, provider_region_id),
  KEY ix_region_customer (customer_id),
  CONSTRAINT fk_region_account FOREIGN KEY (cloud_account_id) REFERENCES cloud_account (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE data_center (
  id              BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  customer_id     BIGINT       NOT NULL,
  region_id       BIGINT       NOT NULL,
  provider_dc_id  VARCHAR(200) NOT NULL,
  name            VARCHAR(200) NOT NULL,
  status          VARCHAR(16)  NOT NULL DEFAULT 'active',
  UNIQUE KEY uk_dc (region_id, provider_dc_id),
  KEY ix_dc_customer (customer_id),
  CONSTRAINT fk_dc_region FOREIGN KEY (region_id) REFERENCES region (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE machine_image (
  id                 BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  customer_id        BIGINT        NOT NULL,
  cloud_account_id   BIGINT        NOT NULL,
  region_id          BIGINT        NOT NULL,
  provider_image_id  VARCHAR(200)  NOT NULL,
  name               VARCHAR(200)  NOT NULL,
  description        VARCHAR(1000) NULL,
  platform           VARCHAR(64)   NULL,
  architecture       VARCHAR(32)   NULL,
  state              VARCHAR(32)   NOT NULL,
  is_public          BOOLEAN       NOT NULL DEFAULT FALSE,
  owner_user_id      BIGINT        NULL,
  created_at         DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  updated_at         DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
  UNIQUE KEY uk_image (region_id, provider_image_id),
  KEY ix_image_customer (customer_id),
  CONSTRAINT fk_image_account FOREIGN KEY (cloud_account_id) REFERENCES cloud_account (id),
  CONSTRAINT fk_image_region FOREIGN KEY (region_id) REFERENCES region (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE server_product (
  id                   BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  customer_id          BIGINT       NOT NULL,
  cloud_account_id     BIGINT       NOT NULL,
  region_id            BIGINT       NOT NULL,
  provider_product_id  VARCHAR(200) NOT NULL,
  name                 VARCHAR(200) NOT NULL,
  cpu_count            INT          NOT NULL,
  ram_mb               INT          NOT NULL,
  root_volume_gb       INT          NOT NULL DEFAULT 0,
  hourly_price_micros  BIGINT       NULL COMMENT 'price per hour in millionths of the currency unit',
  currency             CHAR(3)      NULL,
  UNIQUE KEY uk_product (region_id, provider_product_id),
  KEY ix_product_customer (customer_id),
  CONSTRAINT fk_product_region FOREIGN KEY (region_id) REFERENCES region (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Budget/billing code columns are left for the governance work (every launch charged to one).
CREATE TABLE server (
  id                  BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  customer_id         BIGINT        NOT NULL,
  cloud_account_id    BIGINT        NOT NULL,
  region_id           BIGINT        NOT NULL,
  data_center_id      BIGINT        NULL,
  provider_server_id  VARCHAR(200)  NULL COMMENT 'NULL until the cloud has accepted the launch',
  name                VARCHAR(200)  NOT NULL,
  description         VARCHAR(1000) NULL,
  state               VARCHAR(32)   NOT NULL,
  state_reason        VARCHAR(1000) NULL,
  image_id            BIGINT        NULL,
  product_id          BIGINT        NULL,
  private_ip          VARCHAR(64)   NULL,
  public_ip           VARCHAR(64)   NULL,
  owner_user_id       BIGINT        NULL,
  owner_group_id      BIGINT        NULL,
  client_token        VARCHAR(64)   NULL COMMENT 'sent with the launch so a retry never makes a second VM',
  launched_at         DATETIME(3)   NULL,
  terminated_at       DATETIME(3)   NULL,
  created_at          DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  updated_at          DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
  UNIQUE KEY uk_server_provider (region_id, provider_server_id),
  UNIQUE KEY uk_server_token (client_token),
  KEY ix_server_customer (customer_id, id),
  KEY ix_server_account_state (cloud_account_id, state),
  CONSTRAINT fk_server_account FOREIGN KEY (cloud_account_id) REFERENCES cloud_account (id),
  CONSTRAINT fk_server_region FOREIGN KEY (region_id) REFERENCES region (id),
  CONSTRAINT fk_server_dc FOREIGN KEY (data_center_id) REFERENCES data_center (id),
  CONSTRAINT fk_server_image FOREIGN KEY (image_id) REFERENCES machine_image (id),
  CONSTRAINT fk_server_product FOREIGN KEY (product_id) REFERENCES server_product (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE volume (
  id                  BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  customer_id         BIGINT        NOT NULL,
  cloud_account_id    BIGINT        NOT NULL,
  region_id           BIGINT        NOT NULL,
  data_center_id      BIGINT        NULL,
  provider_volume_id  VARCHAR(200)  NULL,
  name                VARCHAR(200)  NOT NULL,
  size_gb             INT           NOT NULL,
  state               VARCHAR(32)   NOT NULL,
  server_id           BIGINT        NULL,
  device_name         VARCHAR(64)   NULL,
  owner_user_id       BIGINT        NULL,
  created_at          DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  updated_at          DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
  UNIQUE KEY uk_volume_provider (region_id, provider_volume_id),
  KEY ix_volume_customer (customer_id),
  CONSTRAINT fk_volume_account FOREIGN KEY (cloud_account_id) REFERENCES cloud_account (id),
  CONSTRAINT fk_volume_server FOREIGN KEY (server_id) REFERENCES server (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE snapshot (
  id                    BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  customer_id           BIGINT        NOT NULL,
  cloud_account_id      BIGINT        NOT NULL,
  region_id             BIGINT        NOT NULL,
  provider_snapshot_id  VARCHAR(200)  NULL,
  volume_id             BIGINT        NULL,
  name                  VARCHAR(200)  NOT NULL,
  size_gb               INT           NOT NULL,
  state                 VARCHAR(32)   NOT NULL,
  owner_user_id         BIGINT        NULL,
  created_at            DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  UNIQUE KEY uk_snapshot_provider (region_id, provider_snapshot_id),
  KEY ix_snapshot_customer (customer_id),
  CONSTRAINT fk_snapshot_account FOREIGN KEY (cloud_account_id) REFERENCES cloud_account (id),
  CONSTRAINT fk_snapshot_volume FOREIGN KEY (volume_id) REFERENCES volume (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE ip_address (
  id                BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  customer_id       BIGINT       NOT NULL,
  cloud_account_id  BIGINT       NOT NULL,
  region_id         BIGINT       NOT NULL,
  provider_ip_id    VARCHAR(200) NULL,
  address           VARCHAR(64)  NULL,
  ip_version        VARCHAR(8)   NOT NULL DEFAULT 'IPV4',
  state             VARCHAR(32)  NOT NULL,
  server_id         BIGINT       NULL,
  owner_user_id     BIGINT       NULL,
  created_at        DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  UNIQUE KEY uk_ip_provider (region_id, provider_ip_id),
  KEY ix_ip_customer (customer_id),
  CONSTRAINT fk_ip_account FOREIGN KEY (cloud_account_id) REFERENCES cloud_account (id),
  CONSTRAINT fk_ip_server FOREIGN KEY (server_id) REFERENCES server (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE firewall (
  id                    BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  customer_id           BIGINT        NOT NULL,
  cloud_account_id      BIGINT        NOT NULL,
  region_id             BIGINT        NOT NULL,
  provider_firewall_id  VARCHAR(200)  NULL,
  name                  VARCHAR(200)  NOT NULL,
  description           VARCHAR(1000) NULL,
  state                 VARCHAR(32)   NOT NULL,
  owner_user_id         BIGINT        NULL,
  created_at            DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  UNIQUE KEY uk_firewall_provider (region_id, provider_firewall_id),
  KEY ix_firewall_customer (customer_id),
  CONSTRAINT fk_firewall_account FOREIGN KEY (cloud_account_id) REFERENCES cloud_account (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE firewall_rule (
  id                BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  customer_id       BIGINT       NOT NULL,
  firewall_id       BIGINT       NOT NULL,
  provider_rule_id  VARCHAR(200) NULL,
  direction         VARCHAR(8)   NOT NULL DEFAULT 'INGRESS',
  permission        VARCHAR(8)   NOT NULL DEFAULT 'ALLOW',
  protocol          VARCHAR(8)   NOT NULL,
  from_port         INT          NULL,
  to_port           INT          NULL,
  source_cidr       VARCHAR(64)  NOT NULL,
  created_at        DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  KEY ix_rule_firewall (firewall_id),
  KEY ix_rule_customer (customer_id),
  CONSTRAINT fk_rule_firewall FOREIGN KEY (firewall_id) REFERENCES firewall (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- What a user follows: one per action.
CREATE TABLE job (
  id              BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  customer_id     BIGINT        NOT NULL,
  user_id         BIGINT        NULL,
  action          VARCHAR(64)   NOT NULL,
  status          VARCHAR(16)   NOT NULL DEFAULT 'RUNNING',
  progress        INT           NOT NULL DEFAULT 0,
  message         VARCHAR(2000) NULL,
  resource_type   VARCHAR(64)   NULL,
  resource_id     BIGINT        NULL,
  created_at      DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  updated_at      DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
  completed_at    DATETIME(3)   NULL,
  CONSTRAINT ck_job_status CHECK (status IN ('RUNNING', 'COMPLETE', 'ERROR')),
  CONSTRAINT ck_job_progress CHECK (progress BETWEEN 0 AND 100),
  KEY ix_job_customer (customer_id, id),
  CONSTRAINT fk_job_customer FOREIGN KEY (customer_id) REFERENCES customer (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The internal unit of work. MySQL is the source of truth; a message only carries the id.
CREATE TABLE task (
  id                BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  customer_id       BIGINT        NULL,
  job_id            BIGINT        NULL,
  kind              VARCHAR(64)   NOT NULL,
  payload           TEXT          NOT NULL,
  state             VARCHAR(16)   NOT NULL DEFAULT 'queued',
  attempts          INT           NOT NULL DEFAULT 0,
  max_attempts      INT           NOT NULL,
  lease_owner       VARCHAR(128)  NULL,
  lease_expires_at  DATETIME(3)   NULL,
  next_attempt_at   DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  published_at      DATETIME(3)   NULL,
  idempotency_key   VARCHAR(128)  NOT NULL,
  last_error        VARCHAR(2000) NULL,
  created_at        DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  updated_at        DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
  finished_at       DATETIME(3)   NULL,
  CONSTRAINT ck_task_state CHECK (state IN ('queued', 'running', 'retry_wait', 'succeeded', 'failed')),
  UNIQUE KEY uk_task_idempotency (idempotency_key),
  KEY ix_task_due (state, next_attempt_at),
  KEY ix_task_lease (state, lease_expires_at),
  KEY ix_task_job (job_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE audit_event (
  id              BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  customer_id     BIGINT        NULL,
  actor_user_id   BIGINT        NULL,
  actor           VARCHAR(254)  NOT NULL COMMENT 'user email, api key or component name',
  action          VARCHAR(64)   NOT NULL,
  resource_type   VARCHAR(64)   NULL,
  resource_id     VARCHAR(200)  NULL,
  source_address  VARCHAR(64)   NULL,
  outcome         VARCHAR(16)   NOT NULL,
  detail          VARCHAR(2000) NULL,
  created_at      DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  KEY ix_audit_customer (customer_id, created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE guest_agent (
  id                BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  customer_id       BIGINT        NOT NULL,
  server_id         BIGINT        NOT NULL,
  cert_fingerprint  VARCHAR(128)  NULL,
  agent_version     VARCHAR(64)   NULL,
  state             VARCHAR(16)   NOT NULL DEFAULT 'pending',
  consecutive_misses INT          NOT NULL DEFAULT 0,
  last_seen_at      DATETIME(3)   NULL,
  created_at        DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  UNIQUE KEY uk_agent_server (server_id),
  KEY ix_agent_customer (customer_id),
  CONSTRAINT fk_agent_server FOREIGN KEY (server_id) REFERENCES server (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Every running Stratus process (seed 002's service discovery).
CREATE TABLE component_registration (
  instance_id   CHAR(36)      NOT NULL PRIMARY KEY,
  component     VARCHAR(64)   NOT NULL,
  host          VARCHAR(255)  NOT NULL,
  pid           BIGINT        NOT NULL,
  version       VARCHAR(64)   NOT NULL,
  started_at    DATETIME(3)   NOT NULL,
  heartbeat_at  DATETIME(3)   NOT NULL,
  stopped_at    DATETIME(3)   NULL,
  KEY ix_registration_component (component, heartbeat_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
