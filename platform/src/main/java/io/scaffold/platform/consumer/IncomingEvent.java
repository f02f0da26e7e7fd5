package io.scaffold.platform.consumer;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.OffsetDateTime;

/** A CloudEvent read from a topic: its attributes and its JSON data. */
public record IncomingEvent(String id, String type, String source, String subject, OffsetDateTime time, String key,
        JsonNode data) {
}
