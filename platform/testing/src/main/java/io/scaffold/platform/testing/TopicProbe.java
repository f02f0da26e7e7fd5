package io.scaffold.platform.testing;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;

/**
 * Reads a real topic from the moment the probe is opened: open it before the action, then await the records the
 * action should have published.
 */
public final class TopicProbe implements AutoCloseable {
    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

    private TopicProbe(String topic) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers());
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer = new KafkaConsumer<>(properties);
        List<TopicPartition> partitions = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 30_000;
        while (partitions.isEmpty()) {
            consumer.partitionsFor(topic, Duration.ofSeconds(10))
                    .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            if (partitions.isEmpty() && System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("topic " + topic + " has no partitions");
            }
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end offsets now, before the action under test
    }

    /** A probe positioned at the current end of the topic. */
    public static TopicProbe tail(String topic) {
        return new TopicProbe(topic);
    }

    /** The first record (since the probe opened) that matches, waiting up to the timeout. */
    public ConsumerRecord<String, String> await(Predicate<ConsumerRecord<String, String>> matching,
            Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (ConsumerRecord<String, String> record : seen) {
                if (matching.test(record)) {
                    return record;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no matching record within " + timeout + "; saw " + seen.size()
                        + " records: " + seen.stream().map(r -> header(r, "ce_type") + " key=" + r.key()).toList());
            }
            consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
        }
    }

    /** The first record of this CloudEvents type with this key. */
    public ConsumerRecord<String, String> awaitEvent(String type, String key, Duration timeout) {
        return await(r -> type.equals(header(r, "ce_type")) && key.equals(r.key()), timeout);
    }

    /** Every record that arrives within the window (for asserting that something was NOT published). */
    public List<ConsumerRecord<String, String>> collectFor(Duration window) {
        long deadline = System.nanoTime() + window.toNanos();
        while (System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
        }
        return List.copyOf(seen);
    }

    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
