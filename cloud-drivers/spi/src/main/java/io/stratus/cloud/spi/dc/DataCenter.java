package io.stratus.cloud.spi.dc;

/** A data centre (availability zone) inside a region. */
public record DataCenter(String id, String regionId, String name, boolean active) {}
