package io.scaffold.notifications.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.micrometer.core.instrument.MeterRegistry;
import io.scaffold.notifications.service.Fanout;
import io.scaffold.platform.consumer.IncomingEvent;
import io.scaffold.platform.testing.bench.BenchDatabase;
import io.scaffold.platform.testing.bench.BenchReport;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * notifications-service's fan-out measured against a baseline in the same run (run with -Pbench): one new request to a
 * community of 10,000 members who follow its requests (the real path: rules, audience, preferences, one INSERT with
 * counters and the NOTIFY) vs a loop writing the same 10,000 rows one transaction each, with the tests' commits and
 * with durable ones; and, as the floor of any one-statement fan-out, the same rows written by one bare
 * {@code INSERT ... SELECT} from the followers (no preferences, counters nor mail) with a durable commit. The inbox at
 * scale, and a fan-out to 100,000 followers beside its reads, are measured with the service in its own process on the
 * full local stack (deploy/journeys {@code InboxAtScaleBenchmark}). Figures are printed, never asserted: these
 * machines are noisy.
 */
@QuarkusTest
class NotificationsBenchmark {
    static final UUID COMMUNITY = UUID.fromString("00000000-0000-0000-0000-0000000fa40e");
    static final int MEMBERS = 10_000;

    @Inject
    DataSource dataSource;

    @Inject
    Fanout fanout;

    @Inject
    jakarta.persistence.EntityManager entityManager;

    @Inject
    MeterRegistry meters;

    /** The fan-out's statements by the service's own timer, per durable run: the rest of its time is around them. */
    private final List<Long> statementMillis = new ArrayList<>();

    @Test
    void fanOutAgainstARowPerTransaction() throws Exception {
        BenchDatabase db = new BenchDatabase(dataSource);
        seedCommunity(db, COMMUNITY, MEMBERS);

        // --- fan-out: 5 runs each, the median; with commits as the tests run them (synchronous_commit off, as the
        // embedded server is set up) and as a production server does (durable: the commit waits for the WAL flush)
        List<Long> fanOuts = new ArrayList<>();
        List<Long> loops = new ArrayList<>();
        List<Long> durableFanOuts = new ArrayList<>();
        List<Long> durableLoops = new ArrayList<>();
        List<Long> floors = new ArrayList<>();
        for (int run = 0; run < 5; run++) {
            fanOuts.add(fanOut(db, COMMUNITY, MEMBERS, false));
            loops.add(rowPerTransaction(UUID.randomUUID().toString(), false));
            durableFanOuts.add(fanOut(db, COMMUNITY, MEMBERS, true));
            durableLoops.add(rowPerTransaction(UUID.randomUUID().toString(), true));
            floors.add(oneBareInsert(UUID.randomUUID().toString()));
        }

        System.out.println();
        System.out.println("=== notifications-service ===");
        report("commits as in the tests (synchronous_commit off)", fanOuts, loops);
        report("durable commits, as in production (synchronous_commit on)", durableFanOuts, durableLoops);
        System.out.printf("  of the durable fan-out, its statements by the service's own timer"
                + " (scaffold.notifications.fanout): %d ms (runs %s); the rest (rules, names, transaction, commit)"
                + " around them%n", median(statementMillis), statementMillis);
        System.out.printf("the floor, the same rows by one bare INSERT ... SELECT (durable commit): %d ms (runs %s);%n"
                + "  the fan-out takes %.1fx the floor; the row-per-transaction loop is %.1fx the floor, the most any"
                + " one-statement fan-out could gain on this disk%n", median(floors), floors,
                (double) median(durableFanOuts) / Math.max(1, median(floors)),
                (double) median(durableLoops) / Math.max(1, median(floors)));
        BenchReport.record("fan-out to 10,000 followers, durable commit (baseline: a transaction per row)",
                median(durableFanOuts), "ms", median(durableLoops), BenchReport.Target.ratioAtMost(0.1));
    }

    private static void report(String mode, List<Long> fanOuts, List<Long> loops) {
        long fanOut = median(fanOuts);
        long loop = median(loops);
        System.out.printf("%s:%n  fan-out to %,d followers (rules, audience, preferences, one INSERT, counters,"
                + " NOTIFY, one commit): %d ms (runs %s)%n  baseline, the same rows one transaction each: %d ms"
                + " (runs %s)%n  fan-out is %.1fx faster%n", mode, MEMBERS, fanOut, fanOuts, loop, loops,
                (double) loop / Math.max(1, fanOut));
    }

    /** The real path, in one transaction as the consumer runs it; checks every follower got their row. */
    private long fanOut(BenchDatabase db, UUID community, int members, boolean durable) throws Exception {
        IncomingEvent event = created(community);
        double timedBefore = fanOutTimerMillis();
        long start = System.nanoTime();
        QuarkusTransaction.requiringNew().run(() -> {
            if (durable) {
                entityManager.createNativeQuery("SET LOCAL synchronous_commit = on").executeUpdate();
            }
            fanout.apply(event);
        });
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (durable) {
            statementMillis.add(Math.round(fanOutTimerMillis() - timedBefore));
        }
        long written = db.count("SELECT count(*) FROM notification WHERE subject_id = '" + event.subject() + "'");
        if (written != members) {
            throw new IllegalStateException("fan-out wrote " + written + " rows, not " + members);
        }
        return millis;
    }

    private double fanOutTimerMillis() {
        return meters.find("scaffold.notifications.fanout").timers().stream()
                .mapToDouble(timer -> timer.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).sum();
    }

    private static long median(List<Long> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }

    /** Active members of one community, all following its new requests. */
    private static void seedCommunity(BenchDatabase db, UUID community, int members) throws Exception {
        db.execute("INSERT INTO community_view VALUES ('" + community + "', 'Bench', 'PUBLIC', now())"
                + " ON CONFLICT DO NOTHING");
        db.execute("INSERT INTO community_member SELECT '" + community + "', 'member-' || i, 'MEMBER'"
                + " FROM generate_series(1, " + members + ") AS i ON CONFLICT DO NOTHING");
        db.execute("INSERT INTO community_setting SELECT 'member-' || i, '" + community + "', 'NEW_REQUESTS'"
                + " FROM generate_series(1, " + members + ") AS i ON CONFLICT DO NOTHING");
        db.execute("ANALYZE");
    }

    private static IncomingEvent created(UUID community) throws Exception {
        String requestId = UUID.randomUUID().toString();
        String data = """
                {"requestId":"%s","title":"Consumer lag after deploy","tags":["kafka"],"urgency":"HIGH",
                 "status":"OPEN","communityId":"%s","communityName":"Bench","requesterId":"asker",
                 "anonymous":false,"invitedHelperIds":[],"actorId":"asker","occurredAt":"2026-11-23T10:00:00Z"}"""
                .formatted(requestId, community);
        return new IncomingEvent(UUID.randomUUID().toString(), "scaffold.help-request.created.v1",
                "/requests-service", requestId, OffsetDateTime.now(), requestId, new ObjectMapper().readTree(data));
    }

    /**
     * The least a one-statement fan-out can cost: the followers' rows (as the fan-out writes them, with the table's
     * indexes) by one bare {@code INSERT ... SELECT}, one durable commit; no preferences, counters, mail nor NOTIFY.
     */
    private long oneBareInsert(String subject) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (var statement = connection.createStatement()) {
                statement.execute("SET LOCAL synchronous_commit = on");
            }
            long start = System.nanoTime();
            int written;
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO notification (id, user_id, kind, title, body, link, source_event_id, subject_id,
                        community_id, urgency, event_count, status, created_at, updated_at)
                    SELECT nextval('notification_id_seq'), s.user_id, 'COMMUNITY_REQUEST',
                        'New request in Bench: Consumer lag after deploy', 'asker asked for help on kafka.', '/x', ?,
                        ?, s.community_id, 'HIGH', 1, 'UNREAD', now(), now()
                    FROM community_setting s
                    WHERE s.community_id = ? AND s.setting = 'NEW_REQUESTS'""")) {
                insert.setString(1, subject);
                insert.setString(2, subject);
                insert.setObject(3, COMMUNITY);
                written = insert.executeUpdate();
            }
            connection.commit();
            long millis = (System.nanoTime() - start) / 1_000_000;
            if (written != MEMBERS) {
                throw new IllegalStateException("the bare insert wrote " + written + " rows, not " + MEMBERS);
            }
            return millis;
        }
    }

    /** The naive writer: one INSERT and one commit per recipient. */
    private long rowPerTransaction(String subject, boolean durable) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            try (var statement = connection.createStatement()) {
                statement.execute("SET synchronous_commit = " + (durable ? "on" : "off"));
            }
            long start = System.nanoTime();
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO notification (id, user_id, kind, title, body, link, source_event_id, subject_id,
                        community_id, urgency, event_count, status, created_at, updated_at)
                    VALUES (nextval('notification_id_seq'), ?, 'COMMUNITY_REQUEST', 'New request', 'b', '/x', ?, ?,
                        ?, 'HIGH', 1, 'UNREAD', now(), now())""")) {
                for (int i = 1; i <= MEMBERS; i++) {
                    insert.setString(1, "member-" + i);
                    insert.setString(2, subject);
                    insert.setString(3, subject);
                    insert.setObject(4, COMMUNITY);
                    insert.executeUpdate();
                }
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            try (var statement = connection.createStatement()) {
                statement.execute("RESET synchronous_commit");
            }
            return millis;
        }
    }

}
