/** Shared core of Stratus: configuration, database, messaging, leased tasks and the registry. */
package io.stratus.common;
