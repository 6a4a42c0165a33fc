package io.stratus.common.job;

/** Where a job is, as the user follows it (and as enStratus reports it). */
public enum JobStatus {
  RUNNING,
  COMPLETE,
  ERROR
}
