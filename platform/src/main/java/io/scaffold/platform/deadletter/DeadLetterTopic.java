package io.scaffold.platform.deadletter;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.Config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Reads the service's dead-letter topic (the one its channels' {@code dead-letter-queue.topic} names) with a
 * short-lived consumer that joins no group and commits nothing: reading never moves anyone's offsets. Dead-letter
 * topics are small and kept 30 days, so a read takes the whole topic.
 */
@ApplicationScoped
public class DeadLetterTopic {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(15);
    private final Map<String, Object> kafka;
    private final Optional<String> topic;

    public DeadLetterTopic(@Identifier("default-kafka-broker") Map<String, Object> kafka, Config config) {
        this.kafka = kafka;
        TreeSet<String> topics = new TreeSet<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith("mp.messaging.incoming.") && name.endsWith(".dead-letter-queue.topic")) {
                config.getOptionalValue(name, String.class).ifPresent(topics::add);
            }
        }
        if (topics.size() > 1) {
            throw new IllegalStateException("one dead-letter topic per service, found " + topics);
        }
        this.topic = topics.stream().findFirst();
    }

    public Optional<String> name() {
        return topic;
    }

    /** Every record on the topic, by partition and offset. */
    List<ConsumerRecord<String, String>> readAll() {
        if (topic.isEmpty()) {
            return List.of();
        }
        try (KafkaConsumer<String, String> consumer = open()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.get(), READ_TIMEOUT).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, READ_TIMEOUT);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p, READ_TIMEOUT) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the dead-letter topic " + topic.get() + " was not read in "
                            + READ_TIMEOUT.toSeconds() + " s");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            records.removeIf(r -> r.offset() >= end.get(new TopicPartition(r.topic(), r.partition())));
            records.sort((a, b) -> a.partition() != b.partition() ? Integer.compare(a.partition(), b.partition())
                    : Long.compare(a.offset(), b.offset()));
            return records;
        }
    }

    /** The record at this place, if the topic still holds it. */
    Optional<ConsumerRecord<String, String>> read(int partition, long offset) {
        if (topic.isEmpty()) {
            return Optional.empty();
        }
        try (KafkaConsumer<String, String> consumer = open()) {
            TopicPartition place = new TopicPartition(topic.get(), partition);
            if (consumer.partitionsFor(topic.get(), READ_TIMEOUT).stream().noneMatch(p -> p.partition() == partition)) {
                return Optional.empty();
            }
            consumer.assign(List.of(place));
            long begin = consumer.beginningOffsets(List.of(place), READ_TIMEOUT).get(place);
            long end = consumer.endOffsets(List.of(place), READ_TIMEOUT).get(place);
            if (offset < begin || offset >= end) {
                return Optional.empty();
            }
            consumer.seek(place, offset);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() == offset) {
                        return Optional.of(record);
                    }
                    if (record.offset() > offset) {
                        return Optional.empty();
                    }
                }
            }
            throw new IllegalStateException("the dead-letter topic " + topic.get() + " was not read in "
                    + READ_TIMEOUT.toSeconds() + " s");
        }
    }

    private KafkaConsumer<String, String> open() {
        return io.scaffold.platform.consumer.GrouplessConsumers.open(kafka, "scaffold-dead-letters");
    }
}
