package io.scaffold.platform.testing;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** Publishes records to the test broker as another service would: binary-mode CloudEvents, or anything at all. */
public final class TestEvents {
    private TestEvents() {
    }

    /** Publishes a CloudEvent and returns its id. */
    public static String publishCloudEvent(String topic, String key, String type, String source, String json) {
        String id = UUID.randomUUID().toString();
        publishCloudEvent(topic, key, id, type, source, json);
        return id;
    }

    public static void publishCloudEvent(String topic, String key, String id, String type, String source,
            String json) {
        publishCloudEvent(topic, key, id, type, source, json, Map.of());
    }

    /** A CloudEvent with more headers, e.g. the {@code traceparent} a traced producer would add. */
    public static void publishCloudEvent(String topic, String key, String id, String type, String source,
            String json, Map<String, String> more) {
        Map<String, String> headers = new java.util.LinkedHashMap<>(Map.of(
                "ce_specversion", "1.0",
                "ce_id", id,
                "ce_type", type,
                "ce_source", source,
                "ce_subject", key,
                "ce_time", OffsetDateTime.now(ZoneOffset.UTC).toString(),
                "content-type", "application/json"));
        headers.putAll(more);
        publish(topic, key, json, headers);
    }

    /** Publishes a raw record with the given headers (for poison messages). */
    public static void publish(String topic, String key, String value, Map<String, String> headers) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers());
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties)) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
            headers.forEach((name, header) -> record.headers().add(name, header.getBytes(StandardCharsets.UTF_8)));
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish the test record to " + topic, e);
        }
    }
}
