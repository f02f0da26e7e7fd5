package io.scaffold.platform.projection;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.scaffold.platform.consumer.CloudEventRecords;
import io.scaffold.platform.consumer.GrouplessConsumers;
import io.scaffold.platform.consumer.IncomingEvent;
import io.scaffold.platform.consumer.PoisonEventException;
import io.scaffold.platform.consumer.TrustedProducers;
import io.scaffold.platform.problem.ApiProblem;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Rebuilds a projection from nothing, in one transaction: empty it, then apply every record its topics hold, read
 * from the beginning up to the end offsets taken after emptying. Readers keep seeing the old projection until the
 * commit. The live consumer keeps running meanwhile: whatever it applies lies at or before those end offsets, or
 * after them, and it goes on applying events in order from its own offsets, so the two converge on the latest state
 * (projections only set state; see {@link RebuildableProjection}).
 */
@ApplicationScoped
public class ProjectionRebuilds {
    private static final Logger LOG = Logger.getLogger(ProjectionRebuilds.class);
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(15);
    private static final int TRANSACTION_TIMEOUT_SECONDS = 3600;

    private final Map<String, RebuildableProjection> projections = new TreeMap<>();
    private final Map<String, Object> kafka;
    private final CloudEventRecords records;
    private final TrustedProducers producers;

    public ProjectionRebuilds(Instance<RebuildableProjection> projections,
            @Identifier("default-kafka-broker") Map<String, Object> kafka, CloudEventRecords records,
            TrustedProducers producers) {
        projections.forEach(p -> this.projections.put(p.projection(), p));
        this.kafka = kafka;
        this.records = records;
        this.producers = producers;
    }

    /** The projections this service keeps, by name, with their topics. */
    public Map<String, List<String>> list() {
        Map<String, List<String>> list = new TreeMap<>();
        projections.forEach((name, projection) -> list.put(name, projection.topics().stream().sorted().toList()));
        return list;
    }

    public ProjectionRebuild rebuild(String name, String requestedBy) {
        RebuildableProjection projection = projections.get(name);
        if (projection == null) {
            throw ApiProblem.notFound("Projection", name);
        }
        Instant startedAt = Instant.now();
        long began = System.nanoTime();
        LOG.infof("rebuilding projection %s from %s, asked by %s", name, projection.topics(), requestedBy);
        long[] counts = QuarkusTransaction.requiringNew().timeout(TRANSACTION_TIMEOUT_SECONDS)
                .call(() -> replayInto(projection));
        ProjectionRebuild done = new ProjectionRebuild(name, projection.topics().stream().sorted().toList(),
                counts[0], counts[1], counts[2], startedAt, (System.nanoTime() - began) / 1_000_000, requestedBy);
        LOG.infof("rebuilt projection %s: %d records read, %d applied, %d skipped, in %d ms (asked by %s)", name,
                done.records(), done.applied(), done.skipped(), done.tookMillis(), requestedBy);
        return done;
    }

    /** @return records read, applied, skipped */
    private long[] replayInto(RebuildableProjection projection) {
        projection.clear();
        long read = 0;
        long applied = 0;
        long skipped = 0;
        try (KafkaConsumer<String, String> consumer = GrouplessConsumers.open(kafka, "scaffold-projection-rebuild")) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : projection.topics()) {
                consumer.partitionsFor(topic, KAFKA_TIMEOUT)
                        .forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, KAFKA_TIMEOUT);
            List<TopicPartition> pending = new ArrayList<>(partitions);
            pending.removeIf(p -> consumer.position(p, KAFKA_TIMEOUT) >= end.get(p));
            while (!pending.isEmpty()) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() >= end.get(new TopicPartition(record.topic(), record.partition()))) {
                        continue; // written after the rebuild began: the live consumer applies it
                    }
                    read++;
                    IncomingEvent event;
                    try {
                        event = records.parse(record);
                        producers.check(record.topic(), event);
                    } catch (PoisonEventException e) {
                        skipped++;
                        continue;
                    }
                    try {
                        if (projection.project(event)) {
                            applied++;
                        }
                    } catch (PoisonEventException e) {
                        skipped++;
                    }
                }
                pending.removeIf(p -> consumer.position(p, KAFKA_TIMEOUT) >= end.get(p));
            }
        }
        return new long[] {read, applied, skipped};
    }
}
