package io.scaffold.platform.deadletter;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.scaffold.platform.paging.CursorPage;
import io.scaffold.platform.paging.Cursor;
import io.scaffold.platform.problem.ApiProblem;
import io.scaffold.platform.problem.Failures;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The repair half of dead-lettering: list and inspect what the service could not apply, and replay it after a fix
 * through the consumer it first failed in (idempotent: a replay of an applied event writes nothing). Every replay is
 * recorded and logged with who asked.
 */
@ApplicationScoped
public class DeadLetters {
    private static final Logger LOG = Logger.getLogger(DeadLetters.class);
    private static final Pattern ID = Pattern.compile("(\\d{1,9})-(\\d{1,18})");
    private static final String DEAD_LETTER_HEADERS = "dead-letter-";

    private final DeadLetterTopic topic;
    private final Instance<ReplayableConsumer> consumers;
    private final EntityManager entityManager;

    public DeadLetters(DeadLetterTopic topic, Instance<ReplayableConsumer> consumers, EntityManager entityManager) {
        this.topic = topic;
        this.consumers = consumers;
        this.entityManager = entityManager;
    }

    public CursorPage<DeadLetter> list(String cursor, int limit) {
        Cursor after = Cursor.decode(cursor, 2);
        List<ConsumerRecord<String, String>> records = topic.readAll().stream()
                .filter(r -> after == null || r.partition() > after.longValue(0)
                        || (r.partition() == after.longValue(0) && r.offset() > after.longValue(1)))
                .toList();
        List<ConsumerRecord<String, String>> page = records.subList(0, Math.min(limit, records.size()));
        Map<String, List<DeadLetter.Replay>> history = replays();
        List<DeadLetter> items = page.stream()
                .map(r -> describe(r).withReplays(history.getOrDefault(idOf(r), List.of())).summary()).toList();
        String next = records.size() > limit ? Cursor.of(Integer.toString(page.get(page.size() - 1).partition()),
                Long.toString(page.get(page.size() - 1).offset())).encode() : null;
        return new CursorPage<>(items, next);
    }

    public DeadLetter get(String id) {
        ConsumerRecord<String, String> record = find(id);
        return describe(record).withReplays(replays().getOrDefault(idOf(record), List.of()));
    }

    /** Replays one dead letter; the outcome is recorded and returned. */
    public DeadLetter.Replay replay(String id, String by) {
        ConsumerRecord<String, String> record = find(id);
        return replay(record, by);
    }

    private DeadLetter.Replay replay(ConsumerRecord<String, String> record, String by) {
        String id = idOf(record);
        DeadLetter letter = describe(record);
        DeadLetter.Replay replay;
        try {
            ReplayableConsumer consumer = consumers.stream().filter(c -> c.topics().contains(letter.originalTopic()))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no consumer of "
                            + letter.originalTopic() + " in this service"));
            boolean applied = consumer.replay(original(record, letter));
            replay = new DeadLetter.Replay(Instant.now(), by, applied ? DeadLetter.Outcome.APPLIED
                    : DeadLetter.Outcome.ALREADY_APPLIED, null);
        } catch (RuntimeException e) {
            replay = new DeadLetter.Replay(Instant.now(), by, DeadLetter.Outcome.FAILED,
                    truncated(Failures.rootMessage(e)));
        }
        record(id, replay);
        LOG.infof("dead letter %s on %s (%s %s) replayed by %s: %s%s", id, record.topic(), letter.type(),
                letter.eventId(), by, replay.outcome(), replay.detail() == null ? "" : " (" + replay.detail() + ")");
        return replay;
    }

    /** Replays every dead letter not applied yet (by a replay), in order; returns each outcome by id. */
    public Map<String, DeadLetter.Replay> replayAll(String by) {
        Map<String, List<DeadLetter.Replay>> history = replays();
        Map<String, DeadLetter.Replay> outcomes = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> record : topic.readAll()) {
            String id = idOf(record);
            if (history.getOrDefault(id, List.of()).stream().noneMatch(r -> r.outcome() != DeadLetter.Outcome.FAILED)) {
                outcomes.put(id, replay(record, by));
            }
        }
        return outcomes;
    }

    private ConsumerRecord<String, String> find(String id) {
        Matcher place = ID.matcher(id == null ? "" : id);
        if (!place.matches()) {
            throw ApiProblem.notFound("dead letter", id);
        }
        return topic.read(Integer.parseInt(place.group(1)), Long.parseLong(place.group(2)))
                .orElseThrow(() -> ApiProblem.notFound("dead letter", id));
    }

    private static String idOf(ConsumerRecord<String, String> record) {
        return record.partition() + "-" + record.offset();
    }

    private static DeadLetter describe(ConsumerRecord<String, String> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value() == null ? null
                    : new String(header.value(), StandardCharsets.UTF_8));
        }
        return new DeadLetter(idOf(record), headers.getOrDefault("dead-letter-reason", "unknown"),
                headers.get("dead-letter-cause"), headers.get("ce_type"), headers.get("ce_id"),
                headers.get("ce_source"), record.key(), Instant.ofEpochMilli(record.timestamp()),
                headers.getOrDefault("dead-letter-topic", ""), parseInt(headers.get("dead-letter-partition")),
                parseLong(headers.get("dead-letter-offset")), List.of(), record.value(), headers);
    }

    /** The record as first consumed: its topic, place, key, value and headers, without the dead-letter ones. */
    private static ConsumerRecord<String, String> original(ConsumerRecord<String, String> record, DeadLetter letter) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            if (!header.key().startsWith(DEAD_LETTER_HEADERS)) {
                headers.add(header);
            }
        }
        return new ConsumerRecord<>(letter.originalTopic(), letter.originalPartition(), letter.originalOffset(),
                record.timestamp(), TimestampType.CREATE_TIME, ConsumerRecord.NULL_SIZE, ConsumerRecord.NULL_SIZE,
                record.key(), record.value(), headers, Optional.empty());
    }

    private Map<String, List<DeadLetter.Replay>> replays() {
        if (topic.name().isEmpty()) {
            return Map.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery("""
                SELECT dlq_partition, dlq_offset, replayed_at, replayed_by, outcome, detail
                FROM scaffold_dead_letter_replay WHERE dlq_topic = :topic ORDER BY id""")
                .setParameter("topic", topic.name().get()).getResultList());
        Map<String, List<DeadLetter.Replay>> history = new HashMap<>();
        for (Object[] row : rows) {
            history.computeIfAbsent(row[0] + "-" + row[1], key -> new ArrayList<>()).add(new DeadLetter.Replay(
                    toInstant(row[2]), (String) row[3], DeadLetter.Outcome.valueOf((String) row[4]), (String) row[5]));
        }
        return history;
    }

    private void record(String id, DeadLetter.Replay replay) {
        Matcher place = ID.matcher(id);
        place.matches();
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                INSERT INTO scaffold_dead_letter_replay
                    (dlq_topic, dlq_partition, dlq_offset, replayed_at, replayed_by, outcome, detail)
                VALUES (:topic, :partition, :offset, :at, :by, :outcome, :detail)""")
                .setParameter("topic", topic.name().orElseThrow()).setParameter("partition",
                        Integer.parseInt(place.group(1))).setParameter("offset", Long.parseLong(place.group(2)))
                .setParameter("at", Timestamp.from(replay.at())).setParameter("by", replay.by())
                .setParameter("outcome", replay.outcome().name()).setParameter("detail", replay.detail())
                .executeUpdate());
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof java.time.OffsetDateTime time) {
            return time.toInstant();
        }
        return ((Timestamp) value).toInstant();
    }

    private static String truncated(String message) {
        return message.length() > 1000 ? message.substring(0, 1000) : message;
    }

    private static int parseInt(String value) {
        try {
            return value == null ? -1 : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static long parseLong(String value) {
        try {
            return value == null ? -1 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
