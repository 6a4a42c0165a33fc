package io.stratus.common.resource;

/**
 * An order a list of a kind can be sorted in; the id breaks ties, so every order is total.
 *
 * @param key the parameter's value that asks for it (e.g. {@code name})
 * @param sql the expression sorted on
 * @param label the console's column heading it sorts
 */
public record SortKey(String key, String sql, String label) {}
