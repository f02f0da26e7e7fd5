package io.scaffold.notifications.event;

import io.scaffold.notifications.service.Fanout;
import io.scaffold.notifications.service.WebhookFanout;
import io.scaffold.platform.consumer.IncomingEvent;
import io.scaffold.platform.consumer.IdempotentConsumer;
import io.scaffold.platform.deadletter.ReplayableConsumer;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.Set;

/**
 * Reads communities-service's and requests-service's events (notifications, webhook deliveries); each is applied
 * once (the platform's idempotent consumer: a redelivery writes no second notification) and poison goes to
 * {@code scaffold.notifications.dlq}.
 */
@ApplicationScoped
public class SuiteEventsConsumer implements ReplayableConsumer {
    static final String CONSUMER = "notifications-service";

    private final IdempotentConsumer consumer;
    private final Fanout fanout;
    private final WebhookFanout webhooks;

    public SuiteEventsConsumer(IdempotentConsumer consumer, Fanout fanout, WebhookFanout webhooks) {
        this.consumer = consumer;
        this.fanout = fanout;
        this.webhooks = webhooks;
    }

    /** Notifications and webhook deliveries of one event, in one transaction. */
    private void apply(IncomingEvent event) {
        fanout.apply(event);
        webhooks.enqueue(event);
    }

    @Incoming("communities-events")
    @Blocking
    public void onCommunityEvent(ConsumerRecord<String, String> record) {
        consumer.handle(CONSUMER, record, this::apply);
    }

    @Incoming("requests-events")
    @Blocking
    public void onRequestEvent(ConsumerRecord<String, String> record) {
        consumer.handle(CONSUMER, record, this::apply);
    }

    @Override
    public Set<String> topics() {
        return Set.of("scaffold.communities.events", "scaffold.requests.events");
    }

    /** A dead letter replayed by an operator takes the same idempotent path as a record from the channel. */
    @Override
    public boolean replay(ConsumerRecord<String, String> record) {
        return consumer.handle(CONSUMER, record, this::apply);
    }
}
