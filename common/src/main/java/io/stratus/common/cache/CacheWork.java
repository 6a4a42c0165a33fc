package io.stratus.common.cache;

/** One (cloud account, region, kind) that a cache worker keeps current. */
public record CacheWork(
    long id, long customerId, long cloudAccountId, long regionId, CacheKind kind, int failures) {}
