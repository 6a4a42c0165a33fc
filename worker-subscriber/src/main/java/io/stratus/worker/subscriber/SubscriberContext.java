package io.stratus.worker.subscriber;

import io.stratus.common.db.Database;
import io.stratus.common.messaging.AmqpConnection;

/** What handlers are built from: the open database, the broker connection, this worker's id. */
public record SubscriberContext(Database database, AmqpConnection connection, String owner) {}
