-- Issue 15: an agent bootstrap token is issued only for a launch from an image that runs the guest
-- agent, as the cloud says of the image; launches from other images carry no token at all.
ALTER TABLE machine_image
  ADD COLUMN runs_agent BOOLEAN NOT NULL DEFAULT FALSE AFTER is_public;
