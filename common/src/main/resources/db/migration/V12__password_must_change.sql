-- A password someone else chose for the user (a generated first password, an administrator's
-- reset) must be replaced at the next sign-in before the console shows anything else. Set by
-- user creation and password reset, cleared when the user chooses its own.
ALTER TABLE user_account
  ADD COLUMN password_must_change BOOLEAN NOT NULL DEFAULT FALSE;
