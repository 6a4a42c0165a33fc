package io.stratus.pinger;

/** Hears of every finished sweep (metrics, tests, the benchmark); called on the sweep thread. */
@FunctionalInterface
public interface SweepListener {
  SweepListener NONE = stats -> {};

  /** A sweep ended; keep this short, the next sweep waits for it. */
  void sweepFinished(SweepStats stats);
}
