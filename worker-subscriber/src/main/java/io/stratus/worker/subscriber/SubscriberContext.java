package io.stratus.worker.subscriber;

import io.stratus.common.db.Database;
import io.stratus.common.messaging.AmqpConnection;
import io.stratus.common.messaging.EventPublisher;

/**
 * What handlers are built from: the open database, the broker connection and an events publisher on
 * it, the subscriber's settings, this worker's id.
 */
public record SubscriberContext(
    Database database,
    AmqpConnection connection,
    EventPublisher events,
    SubscriberSettings settings,
    String owner) {}
