package io.stratus.worker.subscriber.cache;

/** What a refresh found about one resource, and the word its event carries by default. */
public enum Change {
  /** In the cloud, unknown to Stratus: made outside Stratus. */
  DISCOVERED("discovered"),
  /** Known, and the cloud now describes it differently. */
  CHANGED("changed"),
  /** Known, and the cloud no longer lists it (or lists it as deleted). */
  GONE("gone");

  private final String word;

  Change(String word) {
    this.word = word;
  }

  public String word() {
    return word;
  }
}
