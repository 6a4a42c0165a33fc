-- The time zone a console user reads times in (an IANA name such as Europe/Paris); NULL follows
-- the browser's zone, or UTC when the browser has not said.
ALTER TABLE user_account ADD COLUMN time_zone VARCHAR(64) NULL;
