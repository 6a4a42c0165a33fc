-- Issue 18, section 3: the cache workers keep every resource kind current, not only servers and
-- data centres. A row the cloud no longer lists is marked gone with the reason, never deleted, so
-- every kind needs a state and a reason; and a refresh that dies and runs again must find the rows
-- it already wrote by the cloud's id, so every kind has a unique key on it.

ALTER TABLE data_center
  ADD COLUMN state_reason VARCHAR(1000) NULL AFTER status;

ALTER TABLE machine_image
  ADD COLUMN state_reason VARCHAR(1000) NULL AFTER state;

ALTER TABLE server_product
  ADD COLUMN status VARCHAR(16) NOT NULL DEFAULT 'active' AFTER root_volume_gb,
  ADD COLUMN state_reason VARCHAR(1000) NULL AFTER status;

ALTER TABLE volume_product
  ADD COLUMN status VARCHAR(16) NOT NULL DEFAULT 'active' AFTER max_size_gb,
  ADD COLUMN state_reason VARCHAR(1000) NULL AFTER status;

ALTER TABLE volume
  ADD COLUMN state_reason VARCHAR(1000) NULL AFTER state;

ALTER TABLE snapshot
  ADD COLUMN state_reason VARCHAR(1000) NULL AFTER state;

ALTER TABLE ip_address
  ADD COLUMN state_reason VARCHAR(1000) NULL AFTER state;

ALTER TABLE firewall
  ADD COLUMN state_reason VARCHAR(1000) NULL AFTER state;

ALTER TABLE firewall_rule
  ADD COLUMN state VARCHAR(32) NOT NULL DEFAULT 'active' AFTER source_cidr,
  ADD COLUMN state_reason VARCHAR(1000) NULL AFTER state,
  ADD UNIQUE KEY uk_rule_provider (firewall_id, provider_rule_id);
