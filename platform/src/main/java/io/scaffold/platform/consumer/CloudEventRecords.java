package io.scaffold.platform.consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Reads a binary-mode CloudEvent (attributes in {@code ce_*} headers, JSON value) from a Kafka record. */
@ApplicationScoped
public class CloudEventRecords {
    private final ObjectMapper objectMapper;

    public CloudEventRecords(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    public IncomingEvent parse(ConsumerRecord<String, String> record) {
        String id = required(record, "ce_id");
        String type = required(record, "ce_type");
        String source = required(record, "ce_source");
        String subject = header(record, "ce_subject");
        String timeHeader = header(record, "ce_time");
        OffsetDateTime time;
        try {
            time = timeHeader == null ? null : OffsetDateTime.parse(timeHeader);
        } catch (DateTimeParseException e) {
            throw new PoisonEventException("ce_time is not an RFC 3339 timestamp: " + timeHeader);
        }
        if (record.value() == null) {
            throw new PoisonEventException("event " + id + " has no data");
        }
        JsonNode data;
        try {
            data = objectMapper.readTree(record.value());
        } catch (JsonProcessingException e) {
            throw new PoisonEventException("event " + id + " data is not JSON: " + e.getOriginalMessage(), e);
        }
        if (data == null || !data.isObject()) {
            throw new PoisonEventException("event " + id + " data is not a JSON object");
        }
        return new IncomingEvent(id, type, source, subject, time, record.key(), data);
    }

    private static String required(ConsumerRecord<?, ?> record, String name) {
        String value = header(record, name);
        if (value == null || value.isBlank()) {
            throw new PoisonEventException("not a CloudEvent: header " + name + " is missing");
        }
        return value;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
