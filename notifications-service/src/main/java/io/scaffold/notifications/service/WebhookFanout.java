package io.scaffold.notifications.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scaffold.notifications.domain.WebhookEndpoint;
import io.scaffold.notifications.repository.WebhookDeliveryRepository;
import io.scaffold.notifications.repository.WebhookEndpointRepository;
import io.scaffold.platform.consumer.IncomingEvent;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Queues one delivery of an event per enabled endpoint that wants its type, in the consumer's transaction (so an
 * event redelivered by the broker queues nothing twice), as the structured-mode CloudEvent the receiver gets. The
 * data is the event's as published, without the sealed identities meant for the suite's own services: an anonymous
 * requester is never revealed to a receiver, in clear or sealed.
 */
@ApplicationScoped
public class WebhookFanout {
    /** Fields of the suite's events that only its own services may open. */
    static final Set<String> SUITE_ONLY_FIELDS = Set.of("sealedRequesterId", "sealedActorId");
    /**
     * Events that restate state for the suite's own projections (rebuilds), not news for anyone outside; and people's
     * contact details (names, addresses), which a receiver registered for everything must not collect.
     */
    static final Set<String> SUITE_ONLY_TYPES = Set.of("scaffold.community.snapshot.v1", "scaffold.person.updated.v1");

    private final WebhookEndpointRepository endpoints;
    private final WebhookDeliveryRepository deliveries;
    private final WebhookDispatchSignal signal;
    private final ObjectMapper json;

    public WebhookFanout(WebhookEndpointRepository endpoints, WebhookDeliveryRepository deliveries,
            WebhookDispatchSignal signal, ObjectMapper json) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.signal = signal;
        this.json = json;
    }

    public void enqueue(IncomingEvent event) {
        if (SUITE_ONLY_TYPES.contains(event.type())) {
            return;
        }
        List<UUID> receivers = endpoints.enabled().stream().filter(e -> e.wants(event.type()))
                .map(WebhookEndpoint::id).toList();
        if (receivers.isEmpty()) {
            return;
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        if (deliveries.enqueue(receivers, event.id(), event.type(), cloudEvent(event), now) > 0) {
            signal.wakeAfterCommit();
        }
    }

    /** The CloudEvent in structured mode (JSON), as receivers get it. */
    String cloudEvent(IncomingEvent event) {
        ObjectNode body = json.createObjectNode();
        body.put("specversion", "1.0");
        body.put("id", event.id());
        body.put("source", event.source());
        body.put("type", event.type());
        if (event.subject() != null) {
            body.put("subject", event.subject());
        }
        if (event.time() != null) {
            body.put("time", event.time().toString());
        }
        body.put("datacontenttype", "application/json");
        JsonNode data = event.data() == null ? null : event.data().deepCopy();
        if (data instanceof ObjectNode object) {
            object.remove(SUITE_ONLY_FIELDS);
        }
        body.set("data", data);
        return body.toString();
    }
}
