package io.stratus.pinger.probe;

/** What a selection key of an {@link IoLoop} is attached to: an exchange, or an idle connection. */
interface Selectable {
  /** The channel is ready for what this waits for; runs on the loop thread and never throws. */
  void ready();
}
