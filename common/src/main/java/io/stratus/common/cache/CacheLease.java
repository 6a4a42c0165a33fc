package io.stratus.common.cache;

/** A subscriber's hold on one cache work item while it polls and reconciles. */
public record CacheLease(CacheWork work, String owner) {}
