package io.scaffold.notifications.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scaffold.notifications.service.Fanout;
import io.scaffold.platform.consumer.IncomingEvent;
import io.scaffold.platform.testing.TestTokens;
import io.scaffold.platform.testing.bench.BenchDatabase;
import io.scaffold.platform.testing.bench.LoadGenerator;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * notifications-service measured against baselines in the same run (run with -Pbench):
 * <ul>
 *   <li>fan-out of one new request to a community of 10,000 members who follow its requests (the real path: rules,
 *       audience, preferences, one INSERT with counters and the NOTIFY) vs a loop writing the same 10,000 rows one
 *       transaction each;</li>
 *   <li>inbox list and unread count for a person with 100,000 notifications at 200 requests/s, next to the same
 *       calls for a person with 10.</li>
 * </ul>
 * Figures are printed, never asserted: these machines are noisy.
 */
@QuarkusTest
class NotificationsBenchmark {
    static final UUID COMMUNITY = UUID.fromString("00000000-0000-0000-0000-0000000fa40e");
    static final int MEMBERS = 10_000;
    static final Duration RUN = Duration.ofSeconds(Integer.getInteger("bench.seconds", 10));
    static final Duration WARM_UP = Duration.ofSeconds(Integer.getInteger("bench.warmup", 3));

    @Inject
    DataSource dataSource;

    @Inject
    Fanout fanout;

    @Inject
    jakarta.persistence.EntityManager entityManager;

    @TestHTTPResource("/")
    URL service;

    @Test
    void fanOutAndInboxReads() throws Exception {
        BenchDatabase db = new BenchDatabase(dataSource);
        seedCommunity(db);

        // --- fan-out: 5 runs each, the median; with commits as the tests run them (synchronous_commit off, as the
        // embedded server is set up) and as a production server does (durable: the commit waits for the WAL flush)
        List<Long> fanOuts = new ArrayList<>();
        List<Long> loops = new ArrayList<>();
        List<Long> durableFanOuts = new ArrayList<>();
        List<Long> durableLoops = new ArrayList<>();
        for (int run = 0; run < 5; run++) {
            fanOuts.add(fanOut(db, false));
            loops.add(rowPerTransaction(UUID.randomUUID().toString(), false));
            durableFanOuts.add(fanOut(db, true));
            durableLoops.add(rowPerTransaction(UUID.randomUUID().toString(), true));
        }

        // --- inbox reads
        db.execute("""
                INSERT INTO notification (id, user_id, kind, title, body, link, source_event_id, subject_id, urgency,
                                          event_count, status, created_at, updated_at)
                SELECT nextval('notification_id_seq'), 'heavy-reader', 'REQUEST_INVITATION', 'Help with topic ' || i,
                       'You were invited', '/api/requests/x', 'seed-' || i, 'seed-' || i, 'NORMAL', 1,
                       CASE WHEN i % 3 = 0 THEN 'UNREAD' WHEN i % 50 = 0 THEN 'ARCHIVED' ELSE 'READ' END,
                       now() - (100000 - i) * interval '1 minute', now()
                FROM generate_series(1, 100000) AS i;
                INSERT INTO notification (id, user_id, kind, title, body, link, source_event_id, subject_id,
                                          event_count, status, created_at, updated_at)
                SELECT nextval('notification_id_seq'), 'light-reader', 'ROLE_CHANGED', 't', 'b', '/x', 'l-' || i,
                       'l-' || i, 1, 'UNREAD', now(), now() FROM generate_series(1, 10) AS i;
                INSERT INTO unread_counter
                SELECT user_id, count(*) FROM notification WHERE status = 'UNREAD'
                  AND user_id IN ('heavy-reader', 'light-reader') GROUP BY user_id
                ON CONFLICT (user_id) DO UPDATE SET unread = excluded.unread;
                ANALYZE notification;""");
        String base = "http://localhost:" + service.getPort();
        String heavy = TestTokens.bearer("heavy-reader");
        String light = TestTokens.bearer("light-reader");
        String middle = db.query("SELECT id FROM notification WHERE user_id = 'heavy-reader' ORDER BY id"
                + " OFFSET 50000 LIMIT 1").get(0);
        String cursor = io.scaffold.platform.paging.Cursor.of(middle).encode();
        LoadGenerator load = new LoadGenerator();
        load.closedLoop("warm-up", 4, WARM_UP, WARM_UP, () -> LoadGenerator.get(base + "/api/notifications", heavy));
        load.closedLoop("warm-up", 4, WARM_UP, WARM_UP, () -> LoadGenerator.get(base
                + "/api/notifications/unread-count", heavy));
        List<LoadGenerator.Result> reads = new ArrayList<>();
        reads.add(load.paced("list, 10 items (baseline)", 200, 8, RUN,
                () -> LoadGenerator.get(base + "/api/notifications?limit=20", light)));
        reads.add(load.paced("list, 100,000 items", 200, 8, RUN,
                () -> LoadGenerator.get(base + "/api/notifications?limit=20", heavy)));
        reads.add(load.paced("list unread, 100,000 items", 200, 8, RUN,
                () -> LoadGenerator.get(base + "/api/notifications?status=unread&limit=20", heavy)));
        reads.add(load.paced("list, page in the middle", 200, 8, RUN,
                () -> LoadGenerator.get(base + "/api/notifications?limit=20&cursor=" + cursor, heavy)));
        reads.add(load.paced("unread count, 10 items (baseline)", 200, 8, RUN,
                () -> LoadGenerator.get(base + "/api/notifications/unread-count", light)));
        reads.add(load.paced("unread count, 100,000 items", 200, 8, RUN,
                () -> LoadGenerator.get(base + "/api/notifications/unread-count", heavy)));

        System.out.println();
        System.out.println("=== notifications-service ===");
        report("commits as in the tests (synchronous_commit off)", fanOuts, loops);
        report("durable commits, as in production (synchronous_commit on)", durableFanOuts, durableLoops);
        System.out.println("inbox reads, paced at 200 requests/s for " + RUN.toSeconds() + " s:");
        reads.forEach(r -> System.out.println(r.line()));
        System.out.println();
        db.explain("inbox page (100,000 items)", "SELECT * FROM notification WHERE user_id = 'heavy-reader'"
                + " ORDER BY id DESC LIMIT 21");
        db.explain("what the unread counter avoids: counting 33,333 unread rows",
                "SELECT count(*) FROM notification WHERE user_id = 'heavy-reader' AND status = 'UNREAD'");
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
    private long fanOut(BenchDatabase db, boolean durable) throws Exception {
        IncomingEvent event = created();
        long start = System.nanoTime();
        QuarkusTransaction.requiringNew().run(() -> {
            if (durable) {
                entityManager.createNativeQuery("SET LOCAL synchronous_commit = on").executeUpdate();
            }
            fanout.apply(event);
        });
        long millis = (System.nanoTime() - start) / 1_000_000;
        long written = db.count("SELECT count(*) FROM notification WHERE subject_id = '" + event.subject() + "'");
        if (written != MEMBERS) {
            throw new IllegalStateException("fan-out wrote " + written + " rows, not " + MEMBERS);
        }
        return millis;
    }

    private static long median(List<Long> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }

    /** 10,000 active members of one community, all following its new requests. */
    private static void seedCommunity(BenchDatabase db) throws Exception {
        db.execute("INSERT INTO community_view VALUES ('" + COMMUNITY + "', 'Bench', 'PUBLIC', now())"
                + " ON CONFLICT DO NOTHING");
        db.execute("INSERT INTO community_member SELECT '" + COMMUNITY + "', 'member-' || i, 'MEMBER'"
                + " FROM generate_series(1, " + MEMBERS + ") AS i ON CONFLICT DO NOTHING");
        db.execute("INSERT INTO community_setting SELECT 'member-' || i, '" + COMMUNITY + "', 'NEW_REQUESTS'"
                + " FROM generate_series(1, " + MEMBERS + ") AS i ON CONFLICT DO NOTHING");
        db.execute("ANALYZE");
    }

    private static IncomingEvent created() throws Exception {
        String requestId = UUID.randomUUID().toString();
        String data = """
                {"requestId":"%s","title":"Consumer lag after deploy","tags":["kafka"],"urgency":"HIGH",
                 "status":"OPEN","communityId":"%s","communityName":"Bench","requesterId":"asker",
                 "anonymous":false,"invitedHelperIds":[],"actorId":"asker","occurredAt":"2026-11-23T10:00:00Z"}"""
                .formatted(requestId, COMMUNITY);
        return new IncomingEvent(UUID.randomUUID().toString(), "scaffold.help-request.created.v1",
                "/requests-service", requestId, OffsetDateTime.now(), requestId, new ObjectMapper().readTree(data));
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
