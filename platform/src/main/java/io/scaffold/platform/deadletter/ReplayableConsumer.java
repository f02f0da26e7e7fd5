package io.scaffold.platform.deadletter;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.Set;

/**
 * A service's consumer of one or more topics, able to take a record again outside the channel: a dead letter is
 * replayed through exactly the path it first failed on (the idempotent consumer), so replaying twice applies it once.
 */
public interface ReplayableConsumer {
    /** The topics whose records {@link #replay} takes. */
    Set<String> topics();

    /** @return false when the event had already been applied (nothing was written) */
    boolean replay(ConsumerRecord<String, String> record);
}
