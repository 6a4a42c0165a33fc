-- Scheduled termination and scheduled stop (enStratus' terminateAfter and pauseAfter): when each
-- is due and who asked for it. The Dispatcher carries a due schedule out exactly once (it clears
-- the column in the same transaction that creates the job), so a schedule survives restarts of
-- every component and two Dispatchers never act on it twice.
ALTER TABLE server
  ADD COLUMN terminate_after        DATETIME(3) NULL,
  ADD COLUMN terminate_requested_by BIGINT      NULL,
  ADD COLUMN pause_after            DATETIME(3) NULL,
  ADD COLUMN pause_requested_by     BIGINT      NULL,
  ADD KEY ix_server_terminate_after (terminate_after),
  ADD KEY ix_server_pause_after (pause_after);
