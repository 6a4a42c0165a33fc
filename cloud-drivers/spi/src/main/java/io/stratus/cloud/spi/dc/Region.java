package io.stratus.cloud.spi.dc;

/** A cloud region: a geography with one or more data centres. */
public record Region(String id, String name, String jurisdiction, boolean active) {}
