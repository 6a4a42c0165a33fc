-- Guest agents (issue 6): where each agent listens, when its certificate ends, and when its state
-- last changed, so the pinger can sweep by state and publish only changes.
ALTER TABLE guest_agent
  ADD COLUMN address          VARCHAR(255) NULL AFTER server_id,
  ADD COLUMN port             INT          NOT NULL DEFAULT 2003 AFTER address,
  ADD COLUMN cert_not_after   DATETIME(3)  NULL AFTER cert_fingerprint,
  ADD COLUMN handshake_at     DATETIME(3)  NULL,
  ADD COLUMN state_changed_at DATETIME(3)  NULL,
  ADD CONSTRAINT ck_agent_state CHECK (state IN ('pending', 'reachable', 'unreachable')),
  ADD KEY ix_agent_state (state, last_seen_at);

-- The one-time token a launch puts in the VM's user data. Only its SHA-256 is kept; it is good once,
-- for that server, until it expires.
CREATE TABLE agent_bootstrap_token (
  server_id    BIGINT      NOT NULL PRIMARY KEY,
  customer_id  BIGINT      NOT NULL,
  token_sha256 CHAR(64)    NOT NULL,
  expires_at   DATETIME(3) NOT NULL,
  used_at      DATETIME(3) NULL,
  created_at   DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  CONSTRAINT fk_bootstrap_server FOREIGN KEY (server_id) REFERENCES server (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Lines collected from each agent's logs, kept per server and log (bounded by the collector), and
-- where the next collection starts.
CREATE TABLE agent_log_line (
  id           BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  customer_id  BIGINT        NOT NULL,
  server_id    BIGINT        NOT NULL,
  log_name     VARCHAR(64)   NOT NULL,
  line         VARCHAR(4000) NOT NULL,
  collected_at DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  KEY ix_log_server (server_id, log_name, id),
  CONSTRAINT fk_log_server FOREIGN KEY (server_id) REFERENCES server (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE agent_log_cursor (
  customer_id  BIGINT      NOT NULL,
  server_id    BIGINT      NOT NULL,
  log_name     VARCHAR(64) NOT NULL,
  next_offset  BIGINT      NOT NULL DEFAULT 0,
  updated_at   DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
  PRIMARY KEY (server_id, log_name),
  CONSTRAINT fk_cursor_server FOREIGN KEY (server_id) REFERENCES server (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- What a job's work printed (an event script's output and exit code), shown with the job.
ALTER TABLE job ADD COLUMN output MEDIUMTEXT NULL AFTER message;
