package io.scaffold.notifications.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scaffold.platform.consumer.PoisonEventException;
import io.scaffold.platform.privacy.SealedIds;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Opens the seals requests-service puts on an anonymous requester's id ({@code sealedRequesterId}, and
 * {@code sealedActorId} when they acted), so the rules can tell the requester about responses and leave them out of
 * what they did themselves. The rules still never name an anonymous requester to anyone else.
 */
@ApplicationScoped
public class AnonymousRequesters {
    private final SealedIds sealedIds;

    public AnonymousRequesters(SealedIds sealedIds) {
        this.sealedIds = sealedIds;
    }

    /** @return the event data with {@code requesterId}/{@code actorId} in place of their seals (the same if none) */
    public JsonNode reveal(JsonNode data) {
        if (!data.hasNonNull("sealedRequesterId") && !data.hasNonNull("sealedActorId")) {
            return data;
        }
        String requestId = data.path("requestId").asText(null);
        if (requestId == null) {
            throw new PoisonEventException("a sealed id without the requestId it is bound to");
        }
        ObjectNode revealed = ((ObjectNode) data).deepCopy();
        open(revealed, "sealedRequesterId", "requesterId", requestId);
        open(revealed, "sealedActorId", "actorId", requestId);
        return revealed;
    }

    private void open(ObjectNode data, String sealedField, String field, String requestId) {
        JsonNode sealed = data.remove(sealedField);
        if (sealed == null || sealed.isNull()) {
            return;
        }
        try {
            data.put(field, sealedIds.open(sealed.asText(), requestId));
        } catch (SealedIds.UnreadableSealException e) {
            throw new PoisonEventException(sealedField + ": " + e.getMessage());
        }
    }
}
