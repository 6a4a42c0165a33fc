/**
 * Rights, one model for the console and the API: a user's roles (directly and through its groups)
 * grant resource × action × qualifier (ANY, GROUP, MINE), read by {@link
 * io.stratus.common.access.AccessLoader} into an {@link io.stratus.common.access.Access}.
 */
package io.stratus.common.access;
