package io.stratus.dispatcher.server;

import java.util.List;

/** A launch: where (region, optionally data centre), from what image, of what product, named. */
public record LaunchServer(
    Long regionId,
    Long dataCenterId,
    Long imageId,
    Long productId,
    String name,
    String description,
    List<Long> firewallIds,
    String userData) {}
