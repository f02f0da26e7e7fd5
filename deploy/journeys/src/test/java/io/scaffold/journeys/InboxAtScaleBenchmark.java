package io.scaffold.journeys;

import io.scaffold.platform.testing.bench.BenchDatabase;
import io.scaffold.platform.testing.bench.BenchReport;
import io.scaffold.platform.testing.bench.ExternalLoad;
import io.scaffold.platform.testing.bench.LoadGenerator;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

import static org.awaitility.Awaitility.await;

/**
 * notifications-service's inbox at scale on the full local stack (run with -Pbench), the service in its own process as
 * in production, with the broker, the other services and PostgreSQL beside it on the same machine:
 * <ul>
 *   <li>1,000,000 notifications over 10,000 people, written interleaved as they arrive (10 heavy readers with 50,000
 *       each, 9,990 light ones with about 50): the inbox list (first page, unread, a page in the middle) and the
 *       unread count of a heavy and a light reader at 200 requests/s from a Node.js process, after a warm-up at that
 *       rate; with the service process's CPU per request, its JIT compiler's share and its collector's pauses; each
 *       read next to the same read served by {@link SameJobInboxServer} (the same statements and JSON with the least
 *       code, in a JVM of its own with the services' options), interleaved;</li>
 *   <li>a follower's inbox read at 200 requests/s while a new request fans out to 100,000 followers (a real ask in
 *       requests-service, its event over Kafka, the fan-out in notifications-service's consumer), next to the same
 *       reads without it.</li>
 * </ul>
 * Figures are printed, never asserted: these machines are noisy.
 */
class InboxAtScaleBenchmark {
    static final int INBOX_ROWS = Integer.getInteger("bench.inbox.rows", 1_000_000);
    static final int LARGE_MEMBERS = Integer.getInteger("bench.fanout.large", 100_000);
    static final int WARM_UP_MEMBERS = Math.min(10_000, LARGE_MEMBERS);
    static final double READ_RATE = 200;
    static final Duration RUN = Duration.ofSeconds(Integer.getInteger("bench.seconds", 10));
    /** The reads beside the large fan-out: long enough to cover a fan-out that takes several seconds. */
    static final Duration FAN_OUT_RUN = RUN.multipliedBy(2);
    // The JIT compiler needs about two minutes at this rate to settle (see NotificationsBenchmark's history).
    static final Duration WARM_UP = Duration.ofSeconds(Integer.getInteger("bench.warmup", 120));
    static final String SERVICE = "notifications-service";
    /** -Dbench.profile=true: a JFR recording of both servers over the measured reads, in target/. */
    static final boolean PROFILE = Boolean.getBoolean("bench.profile");

    @Test
    void inboxReadsAndAFanOutBesideThem() throws Exception {
        try (JourneyStack stack = JourneyStack.start()) {
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setUrl("jdbc:postgresql://localhost:" + stack.settings.embeddedDbPort() + "/notifications");
            dataSource.setUser("postgres");
            dataSource.setPassword("postgres");
            BenchDatabase db = new BenchDatabase(dataSource);
            long pid = ServiceProcess.pidOf(SERVICE);
            String base = "http://localhost:" + stack.port(SERVICE);

            // --- a community whose asker can ask (the projections of both services know them) before any follower
            String community = stack.as("owner").body("{\"name\":\"Inbox bench " + System.nanoTime()
                    + "\",\"description\":\"\",\"visibility\":\"PUBLIC\",\"tags\":[\"kafka\"]}")
                    .post("/api/communities").then().statusCode(201).extract().path("id");
            stack.as("asker").post("/api/communities/" + community + "/members").then().statusCode(200);
            await().atMost(Duration.ofSeconds(60)).until(() -> ask(stack, community) != null);
            await().atMost(Duration.ofSeconds(60)).until(() -> db.count("SELECT count(*) FROM community_view"
                    + " WHERE id = '" + community + "'") == 1);

            // --- the inbox at scale
            long seeding = System.nanoTime();
            seedInboxes(db);
            long seededMillis = (System.nanoTime() - seeding) / 1_000_000;
            long seeded = db.count("SELECT count(*) FROM notification");
            String heavy = "Bearer " + stack.token("heavy-1");
            String light = "Bearer " + stack.token("light-1");
            String cursor = cursorHalfway(base, heavy);
            List<String[]> kinds = List.of(
                    new String[] {"list, light reader (~50 items)", light, "/api/notifications?limit=20"},
                    new String[] {"list, heavy reader (50,000 items)", heavy, "/api/notifications?limit=20"},
                    new String[] {"list unread, light reader", light, "/api/notifications?status=unread&limit=20"},
                    new String[] {"list unread, heavy reader", heavy, "/api/notifications?status=unread&limit=20"},
                    new String[] {"list, heavy reader, page in the middle", heavy,
                            "/api/notifications?limit=20&cursor=" + cursor},
                    new String[] {"unread count, light reader", light, "/api/notifications/unread-count"},
                    new String[] {"unread count, heavy reader", heavy, "/api/notifications/unread-count"});
            List<Read> reads = new ArrayList<>();
            List<Read> sameJobReads = new ArrayList<>();
            try (BaselineJvm sameJob = BaselineJvm.start(stack.settings.serviceJavaOpts(), SameJobInboxServer.class,
                    dataSource.getUrl(), "postgres", "postgres",
                    stack.settings.stateDir().resolve("identity/public-key.pem").toString(),
                    stack.settings.jwtIssuer(), io.scaffold.local.DevIdentity.AUDIENCE)) {
                String baseline = "http://127.0.0.1:" + sameJob.port();
                ExternalLoad.paced("warm-up", READ_RATE, WARM_UP, Duration.ZERO, heavy, warmUp(base, cursor));
                ExternalLoad.paced("warm-up", READ_RATE, WARM_UP, Duration.ZERO, heavy, warmUp(baseline, cursor));
                if (PROFILE) {
                    ServiceProcess.jcmd(pid, "JFR.start", "name=inbox");
                    ServiceProcess.jcmd(sameJob.pid(), "JFR.start", "name=inbox");
                }
                // interleaved, so that whatever else the machine does at a moment weighs on both sides alike,
                // and in turn first, so that neither side always follows the other
                for (int i = 0; i < kinds.size(); i++) {
                    String[] kind = kinds.get(i);
                    Callable<Read> service = () -> read(pid, kind[0], kind[1], base + kind[2], RUN);
                    Callable<Read> same = () -> read(sameJob.pid(), kind[0] + " (same job)", kind[1],
                            baseline + kind[2], RUN);
                    if (i % 2 == 0) {
                        reads.add(service.call());
                        sameJobReads.add(same.call());
                    } else {
                        sameJobReads.add(same.call());
                        reads.add(service.call());
                    }
                }
                if (PROFILE) {
                    for (long server : new long[] {pid, sameJob.pid()}) {
                        Path file = Path.of("target", "inbox-" + (server == pid ? "service" : "baseline") + ".jfr")
                                .toAbsolutePath();
                        ServiceProcess.jcmd(server, "JFR.stop", "name=inbox", "filename=" + file);
                        System.out.println("JFR recording of the measured reads: " + file);
                    }
                }
            }

            // --- a fan-out to 100,000 followers while one of them reads their inbox; first three to 10,000, so the
            // fan-out's code runs compiled, as in a service that has been fanning out all along
            seedFollowers(db, community, WARM_UP_MEMBERS);
            for (int i = 0; i < 3; i++) {
                fanOut(stack, dataSource, base, community, WARM_UP_MEMBERS, Duration.ZERO);
            }
            seedFollowers(db, community, LARGE_MEMBERS);
            String follower = "Bearer " + stack.token("member-7");
            String followerInbox = base + "/api/notifications?limit=20";
            Read quiet = read(pid, "list, a follower, no fan-out running", follower, followerInbox, FAN_OUT_RUN);
            // the ask 2 s after the reads are started: after the load generator's own start, well inside the run
            CompletableFuture<long[]> fanOut = CompletableFuture.supplyAsync(() -> fanOut(stack, dataSource, base,
                    community, LARGE_MEMBERS, Duration.ofSeconds(2)));
            Read during = read(pid, "list, a follower, while the fan-out runs", follower, followerInbox,
                    FAN_OUT_RUN);
            long[] fanned = fanOut.join();

            System.out.println();
            System.out.println("=== notifications-service's inbox at scale, the service in its own process ===");
            System.out.printf("inbox reads, %,d notifications over 10,000 people (seeded in %,d ms), paced at %.0f"
                    + " requests/s for %d s each after %d s of warm-up:%n", seeded, seededMillis, READ_RATE,
                    RUN.toSeconds(), WARM_UP.toSeconds());
            for (int i = 0; i < reads.size(); i++) {
                System.out.println(reads.get(i).line());
                System.out.println(sameJobReads.get(i).line());
            }
            System.out.printf("fan-out to %,d followers (after three to %,d): the ask returned to every row committed"
                    + " %,d ms (the event through the outbox and the broker, the consumer's one transaction), of which"
                    + " the fan-out's statements %,d ms (its timer, scaffold.notifications.fanout); a follower's inbox"
                    + " list at %.0f/s (the ask 2 s after the %d s run is started):%n", LARGE_MEMBERS, WARM_UP_MEMBERS,
                    fanned[0], fanned[1], READ_RATE, FAN_OUT_RUN.toSeconds());
            System.out.println(quiet.line());
            System.out.println(during.line());
            for (int i = 0; i < reads.size(); i++) {
                BenchReport.record("inbox " + reads.get(i).result.name() + ", p99 at 200/s over 1,000,000 items"
                        + " (baseline: the same job with the least code)", reads.get(i).result.p(99), "ms",
                        sameJobReads.get(i).result.p(99), BenchReport.Target.below(10, "ms"));
            }
            BenchReport.record("a follower's inbox list p99 during a fan-out to " + LARGE_MEMBERS + ", the service in"
                    + " its own process (baseline: without)", during.result.p(99), "ms", quiet.result.p(99),
                    BenchReport.Target.below(20, "ms"));
            System.out.println();
            db.explain("inbox page, heavy reader", "SELECT * FROM notification WHERE user_id = 'heavy-1'"
                    + " ORDER BY id DESC NULLS LAST LIMIT 21");
            db.explain("inbox page, light reader", "SELECT * FROM notification WHERE user_id = 'light-1'"
                    + " ORDER BY id DESC NULLS LAST LIMIT 21");
            db.explain("unread page, heavy reader", "SELECT * FROM notification WHERE user_id = 'heavy-1'"
                    + " AND status = 'UNREAD' ORDER BY id DESC NULLS LAST LIMIT 21");
            db.explain("what the unread counter avoids: counting a heavy reader's unread rows",
                    "SELECT count(*) FROM notification WHERE user_id = 'heavy-1' AND status = 'UNREAD'");
        }
    }

    /** The inbox reads of the heavy reader in turn, to warm a server up with. */
    private static List<String> warmUp(String base, String cursor) {
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            urls.addAll(List.of(base + "/api/notifications?limit=20", base + "/api/notifications/unread-count",
                    base + "/api/notifications?status=unread&limit=20",
                    base + "/api/notifications?limit=20&cursor=" + cursor));
        }
        return urls;
    }

    /** One paced read with what the serving process spent on it: CPU, JIT compiler, collector pauses. */
    record Read(LoadGenerator.Result result, double processMillis, double jitMillis, long collections,
            double pauseMillis) {
        String line() {
            return String.format("%-50s %4.0f req/s  p50 %6.2f  p90 %6.2f  p99 %7.2f  p99.9 %7.2f  max %7.2f ms"
                    + "  n=%d%n    the server's process %.2f ms CPU per request (JIT compiler %.2f), the whole machine"
                    + " %.2f; %d collections, %.0f ms paused", result.name(), result.requestsPerSecond(),
                    result.p(50), result.p(90), result.p(99), result.p(99.9),
                    result.latencyMicros().getMaxValue() / 1000.0, result.count(), processMillis, jitMillis,
                    result.cpuMillisPerRequest(), collections, pauseMillis);
        }
    }

    private static Read read(long pid, String name, String bearer, String url, Duration duration)
            throws Exception {
        double cpu = ServiceProcess.cpuMillis(pid);
        double jit = ServiceProcess.jitCpuMillis(pid);
        double[] gc = collections(pid);
        LoadGenerator.Result result = ExternalLoad.paced(name, READ_RATE, Duration.ZERO, duration, bearer,
                List.of(url));
        if (result.errors() > 0) {
            throw new IllegalStateException(name + ": " + result.errors() + " of " + result.count()
                    + " reads failed; their latencies would pass for fast answers");
        }
        double[] gcAfter = collections(pid);
        long count = Math.max(1, result.count());
        return new Read(result, (ServiceProcess.cpuMillis(pid) - cpu) / count,
                (ServiceProcess.jitCpuMillis(pid) - jit) / count, Math.round(gcAfter[0] - gc[0]),
                gcAfter[1] - gc[1]);
    }

    /**
     * Collections so far and their total pause in ms, from {@code jstat -gc} (young and full together; read in the
     * C locale's number format).
     */
    private static double[] collections(long pid) throws IOException, InterruptedException {
        Process jstat = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jstat").toString(),
                "-J-Duser.language=en", "-J-Duser.country=US", "-gc", Long.toString(pid)).redirectErrorStream(true)
                .start();
        String[] lines = new String(jstat.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim().split("\n");
        jstat.waitFor();
        if (lines.length < 2) {
            return new double[] {Double.NaN, Double.NaN};
        }
        List<String> header = List.of(lines[0].trim().split("\\s+"));
        String[] values = lines[lines.length - 1].trim().split("\\s+");
        double count = Double.parseDouble(values[header.indexOf("YGC")]) + Double.parseDouble(values[header.indexOf(
                "FGC")]);
        return new double[] {count, Double.parseDouble(values[header.indexOf("GCT")]) * 1000};
    }

    /** The cursor of a page halfway through the heavy reader's items, as a client paging down would hold it. */
    private static String cursorHalfway(String base, String bearer) {
        String cursor = null;
        for (int page = 0; page < INBOX_ROWS / 40 / 100; page++) {
            var request = RestAssured.given().header("Authorization", bearer).queryParam("limit", 100);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            cursor = request.get(base + "/api/notifications").then().statusCode(200).extract().path("nextCursor");
        }
        return cursor;
    }

    /** Asks once in the community; the new request's id, or null while requests-service does not know the asker. */
    private static String ask(JourneyStack stack, String community) {
        var asked = stack.as("asker").body("{\"title\":\"Consumer lag " + System.nanoTime() + "\",\"body\":\"b\","
                + "\"tags\":[\"kafka\"],\"urgency\":\"NORMAL\",\"communityId\":\"" + community + "\"}")
                .post("/api/requests");
        return asked.statusCode() == 201 ? asked.path("id") : null;
    }

    /**
     * After {@code delay}, asks in the community and waits until all its {@code followers} have their row; returns
     * {ms from the ask's answer to every row visible, ms the fan-out's statements took by the service's own timer}.
     * The fan-out is one transaction, so the last follower's row, looked up through the inbox index on one connection
     * every 20 ms, tells when all are visible without weighing on the machine being measured.
     */
    private static long[] fanOut(JourneyStack stack, DataSource dataSource, String base, String community,
            int followers, Duration delay) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement last = connection.prepareStatement("SELECT 1 FROM notification"
                        + " WHERE user_id = ? AND subject_id = ?")) {
            Thread.sleep(delay.toMillis());
            double timedBefore = fanOutSecondsSoFar(base);
            String id = ask(stack, community);
            if (id == null) {
                throw new IllegalStateException("the ask was refused");
            }
            long returned = System.nanoTime();
            last.setString(1, "member-" + followers);
            last.setString(2, id);
            while (!exists(last)) {
                if (System.nanoTime() - returned > Duration.ofSeconds(60).toNanos()) {
                    throw new IllegalStateException("the fan-out to " + followers + " did not commit in 60 s");
                }
                Thread.sleep(20);
            }
            long visible = (System.nanoTime() - returned) / 1_000_000;
            long written = new BenchDatabase(dataSource).count("SELECT count(*) FROM notification"
                    + " WHERE subject_id = '" + id + "' AND user_id LIKE 'member-%'");
            if (written != followers) {
                throw new IllegalStateException("the fan-out wrote " + written + " rows, not " + followers);
            }
            return new long[] {visible, Math.round((fanOutSecondsSoFar(base) - timedBefore) * 1000)};
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean exists(PreparedStatement query) throws java.sql.SQLException {
        try (ResultSet row = query.executeQuery()) {
            return row.next();
        }
    }

    /** The service's fan-out timer so far: the sum of its seconds over every kind, from its Prometheus metrics. */
    private static double fanOutSecondsSoFar(String base) {
        return RestAssured.get(base + "/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(line -> line.startsWith("scaffold_notifications_fanout_seconds_sum"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    /**
     * 1,000,000 notifications written over time, interleaved as they arrive: half to 10 heavy readers (50,000 each),
     * half to 9,990 light ones (about 50 each); a third unread, one in fifty archived.
     */
    private static void seedInboxes(BenchDatabase db) throws Exception {
        db.execute("""
                INSERT INTO notification (id, user_id, kind, title, body, link, source_event_id, subject_id, urgency,
                                          event_count, status, created_at, updated_at)
                SELECT nextval('notification_id_seq'),
                       CASE WHEN i %% 2 = 0 THEN 'heavy-' || (1 + (i / 2) %% 10) ELSE 'light-' || (1 + (i / 2) %% 9990)
                       END,
                       'REQUEST_INVITATION', 'Help with topic ' || i, 'You were invited', '/api/requests/x',
                       'seed-' || i, 'seed-' || i, 'NORMAL', 1,
                       CASE WHEN i %% 3 = 0 THEN 'UNREAD' WHEN i %% 50 = 1 THEN 'ARCHIVED' ELSE 'READ' END,
                       now() - (%d - i) * interval '1 second', now()
                FROM generate_series(1, %d) AS i""".formatted(INBOX_ROWS, INBOX_ROWS));
        db.execute("""
                INSERT INTO unread_counter
                SELECT user_id, count(*) FROM notification WHERE status = 'UNREAD'
                  AND (user_id LIKE 'heavy-%' OR user_id LIKE 'light-%') GROUP BY user_id
                ON CONFLICT (user_id) DO UPDATE SET unread = excluded.unread""");
        db.execute("VACUUM ANALYZE notification");
        db.execute("VACUUM ANALYZE unread_counter");
    }

    /** Members of the community in notifications-service's view, all following its new requests. */
    private static void seedFollowers(BenchDatabase db, String community, int members) throws Exception {
        db.execute("INSERT INTO community_member SELECT '" + community + "', 'member-' || i, 'MEMBER'"
                + " FROM generate_series(1, " + members + ") AS i ON CONFLICT DO NOTHING");
        db.execute("INSERT INTO community_setting SELECT 'member-' || i, '" + community + "', 'NEW_REQUESTS'"
                + " FROM generate_series(1, " + members + ") AS i ON CONFLICT DO NOTHING");
        db.execute("ANALYZE");
    }
}
