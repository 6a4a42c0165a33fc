package io.stratus.api;

/** The dialect's paths. */
public final class Api {
  /** The one version this API speaks, enStratus 2013-03-13. */
  public static final String VERSION = "2013-03-13";

  public static final String ROOT = "/api/enstratus";
  public static final String BASE = ROOT + "/" + VERSION;

  private Api() {}
}
