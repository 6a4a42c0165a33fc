-- A job belongs to the user who acted (user_id; NULL for the platform's own work). Every owned
-- resource kind names its owner owner_user_id, and the one declaration of a kind narrows reads by
-- that column, so the job table shows its actor under that name too, without a second copy.
ALTER TABLE job ADD COLUMN owner_user_id BIGINT AS (user_id) VIRTUAL;
