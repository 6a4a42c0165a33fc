-- What a cloud account can do (io.stratus.cloud.spi.CapabilitySnapshot as JSON), taken when the
-- account is registered, so the Dispatcher refuses what the cloud cannot do without calling it.
ALTER TABLE cloud_account ADD COLUMN capabilities TEXT NULL AFTER status_message;

-- The Dispatcher refuses a second action on a resource while a job for it runs.
CREATE INDEX ix_job_resource ON job (resource_type, resource_id, status);
