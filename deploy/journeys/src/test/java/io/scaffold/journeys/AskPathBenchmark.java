package io.scaffold.journeys;

import io.scaffold.platform.testing.bench.BenchReport;
import io.scaffold.platform.testing.bench.LoadGenerator;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code POST /api/requests} against the same job done with the least code ({@link SameJobAskServer}: plain JDBC and
 * a plain {@code KafkaProducer}), side by side on the full local stack (run with -Pbench; broker, database and
 * services in their own processes). Both are called directly on their ports, in a community of
 * {@value #MEMBERS} members with 3 of 200 skills each, by 500 askers; they alternate round after round:
 * <ul>
 *   <li>throughput with {@value #WORKERS} clients, and the CPU time per request of the serving process and of
 *       PostgreSQL (the job's statements), read from {@code /proc};</li>
 *   <li>p99 at half the service's measured throughput, both at that same rate.</li>
 * </ul>
 * At the end it waits (up to 30 s) until every event either side recorded is marked sent, and prints how many are not.
 * Figures are printed, never asserted.
 */
class AskPathBenchmark {
    static final int MEMBERS = 10_000;
    static final int WORKERS = 16;
    static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
    static final Duration RUN = Duration.ofSeconds(Integer.getInteger("bench.seconds", 10));
    static final Duration WARM_UP = Duration.ofSeconds(Integer.getInteger("bench.warmup", 120));
    /** -Dbench.profile=true: a JFR recording of both processes over the measured rounds, in target/. */
    static final boolean PROFILE = Boolean.getBoolean("bench.profile");
    static final String COMMUNITY = "00000000-0000-0000-0000-0000000a5c00";

    @Test
    void askPathAgainstTheSameJobWithTheLeastCode() throws Exception {
        try (JourneyStack stack = JourneyStack.start()) {
            String jdbc = "jdbc:postgresql://localhost:" + stack.settings.embeddedDbPort() + "/requests";
            seed(jdbc);
            List<String> askers = new ArrayList<>();
            for (int i = 1; i <= 500; i++) {
                askers.add("Bearer " + stack.token("asker-" + i * 20));
            }
            try (BaselineJvm baseline = startBaseline(stack, jdbc)) {
                measure(stack, jdbc, askers, baseline);
            }
        }
    }

    private void measure(JourneyStack stack, String jdbc, List<String> askers, BaselineJvm baselineProcess)
            throws Exception {
        Side service = new Side("POST /api/requests", "http://localhost:" + stack.port("requests-service")
                + "/api/requests", ServiceProcess.pidOf("requests-service"), askers);
        Side baseline = new Side("same job, plain JDBC + KafkaProducer", "http://127.0.0.1:" + baselineProcess.port()
                + "/api/requests", baselineProcess.pid(), askers);
        long postgres = postmaster(stack.settings.stateDir());
        Map<String, Long> parts = new LinkedHashMap<>();
        for (String name : List.of("requests-service", "notifications-service", "communities-service")) {
            parts.put(name, ServiceProcess.pidOf(name));
        }
        parts.put("broker", broker(stack.settings.stateDir()));
        parts.put("same-job baseline", baselineProcess.pid());
        parts.put("load generator and gateway", ProcessHandle.current().pid());
        for (Side side : List.of(service, baseline)) {
            side.checkOne(jdbc);
        }
        LoadGenerator load = new LoadGenerator();
        for (Side side : List.of(service, baseline)) {
            for (long left = WARM_UP.toSeconds(); left > 0; left -= RUN.toSeconds()) {
                freshWeek(jdbc);
                load.closedLoop("warm-up", WORKERS, Duration.ZERO, Duration.ofSeconds(Math.min(left,
                        RUN.toSeconds())), side::ask);
            }
        }
        if (PROFILE) {
            for (Side side : List.of(service, baseline)) {
                ServiceProcess.jcmd(side.pid, "JFR.start", "name=ask");
            }
        }
        for (int round = 0; round < ROUNDS; round++) {
            List<Side> order = round % 2 == 0 ? List.of(service, baseline) : List.of(baseline, service);
            for (Side side : order) {
                freshWeek(jdbc);
                awaitQuietMachine();
                execute(jdbc, "SELECT pg_stat_statements_reset()");
                double processBefore = ServiceProcess.cpuMillis(side.pid);
                double jitBefore = ServiceProcess.jitCpuMillis(side.pid);
                Map<Long, Double> databaseBefore = requestsDatabaseCpuMillis(postgres);
                Map<String, Double> partsBefore = cpuOf(parts);
                LoadGenerator.Result result = load.closedLoop(side.name + ", round " + (round + 1), WORKERS,
                        Duration.ZERO, RUN, side::ask);
                side.runs.add(new Run(result, (ServiceProcess.cpuMillis(side.pid) - processBefore) / result.count(),
                        (ServiceProcess.jitCpuMillis(side.pid) - jitBefore) / result.count(),
                        spent(databaseBefore, requestsDatabaseCpuMillis(postgres)) / result.count()));
                Map<String, Double> partsAfter = cpuOf(parts);
                StringBuilder where = new StringBuilder("  CPU per request by process:");
                partsAfter.forEach((name, after) -> where.append(String.format(" %s %.2f ms;", name,
                        (after - partsBefore.get(name)) / result.count())));
                side.breakdown.add(where + statements(jdbc, result.count()));
            }
        }
        if (PROFILE) {
            for (Side side : List.of(service, baseline)) {
                Path file = Path.of("target", "ask-" + (side == service ? "service" : "baseline") + ".jfr")
                        .toAbsolutePath();
                ServiceProcess.jcmd(side.pid, "JFR.stop", "name=ask", "filename=" + file);
                System.out.println("JFR recording of the measured rounds: " + file);
            }
        }
        double rate = service.median(r -> r.result.requestsPerSecond()) / 2;
        freshWeek(jdbc);
        awaitQuietMachine();
        LoadGenerator.Result servicePaced = load.paced(String.format("%s @ %.0f/s", service.name, rate), rate, WORKERS,
                RUN, service::ask);
        freshWeek(jdbc);
        awaitQuietMachine();
        LoadGenerator.Result baselinePaced = load.paced(String.format("%s @ %.0f/s", baseline.name, rate), rate,
                WORKERS, RUN, baseline::ask);
        // every event either side recorded is published: the relay and the marker catch up, or the run says how many not
        long caughtUp = System.nanoTime();
        long unsent;
        while ((unsent = count(jdbc, "SELECT count(*) FROM scaffold_outbox WHERE sent_at IS NULL")) > 0
                && System.nanoTime() - caughtUp < Duration.ofSeconds(30).toNanos()) {
            Thread.sleep(100);
        }
        long catchUpMillis = (System.nanoTime() - caughtUp) / 1_000_000;

        System.out.println();
        System.out.printf("=== ask path on the full local stack: %d clients, %d s per run, %d rounds, %,d members"
                + " with 3 of 200 skills ===%n", WORKERS, RUN.toSeconds(), ROUNDS, MEMBERS);
        for (Side side : List.of(service, baseline)) {
            for (int i = 0; i < side.runs.size(); i++) {
                Run run = side.runs.get(i);
                System.out.printf("%s   process %.2f ms (JIT compiler %.2f) + PostgreSQL %.2f ms CPU per request%n",
                        run.result.line(), run.processMillis, run.jitMillis, run.databaseMillis);
                System.out.println(side.breakdown.get(i));
            }
        }
        System.out.println(servicePaced.line());
        System.out.println(baselinePaced.line());
        double throughput = service.median(r -> r.result.requestsPerSecond());
        double baselineThroughput = baseline.median(r -> r.result.requestsPerSecond());
        double cpu = service.median(Run::jobMillis);
        double baselineCpu = baseline.median(Run::jobMillis);
        System.out.printf("medians: %.0f req/s against %.0f (%.0f %%); CPU per request (process + PostgreSQL)"
                        + " %.2f ms against %.2f (%.2fx), of which the process %.2f against %.2f ms (JIT compiler %.2f"
                + " against %.2f)%n", throughput, baselineThroughput, 100 * throughput / baselineThroughput, cpu,
                baselineCpu, cpu / baselineCpu, service.median(r -> r.processMillis),
                baseline.median(r -> r.processMillis), service.median(r -> r.jitMillis),
                baseline.median(r -> r.jitMillis));
        System.out.printf("events not marked sent %d ms after the last ask: %d%n", catchUpMillis, unsent);
        System.out.println();
        BenchReport.record("POST /api/requests throughput (baseline: the same job with plain JDBC and a"
                + " KafkaProducer)", throughput, "req/s", baselineThroughput, BenchReport.Target.ratioAtLeast(0.7));
        BenchReport.record("POST /api/requests CPU per request, process + PostgreSQL (baseline: the same job)", cpu,
                "ms", baselineCpu, BenchReport.Target.ratioAtMost(1.4));
        BenchReport.record(String.format("POST /api/requests p99 at half its throughput, %.0f/s (baseline: the same"
                + " job at that rate)", rate), servicePaced.p(99), "ms", baselinePaced.p(99),
                BenchReport.Target.below(25, "ms"));
    }

    /** One closed-loop run, with CPU per request: the serving process, its JIT compiler's share, PostgreSQL. */
    record Run(LoadGenerator.Result result, double processMillis, double jitMillis, double databaseMillis) {
        double jobMillis() {
            return processMillis + databaseMillis;
        }
    }

    /** One way to ask: its URL and the process that serves it. */
    static final class Side {
        final String name;
        final String url;
        final long pid;
        final List<String> askers;
        final List<Run> runs = new ArrayList<>();
        final List<String> breakdown = new ArrayList<>();

        Side(String name, String url, long pid, List<String> askers) {
            this.name = name;
            this.url = url;
            this.pid = pid;
            this.askers = askers;
        }

        HttpRequest ask() {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            return LoadGenerator.post(url, askers.get(random.nextInt(askers.size())), "{\"title\":\"Help with skill"
                    + random.nextInt(200) + "\",\"body\":\"Stuck since this morning\",\"tags\":[\"skill"
                    + random.nextInt(200) + "\",\"skill" + random.nextInt(200) + "\"],\"communityId\":\""
                    + COMMUNITY + "\"}");
        }

        double median(java.util.function.ToDoubleFunction<Run> figure) {
            double[] values = runs.stream().mapToDouble(figure).sorted().toArray();
            return values.length % 2 == 1 ? values[values.length / 2]
                    : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
        }

        /** One ask answered 201 with the helpers invited: both sides do the whole job before they are measured. */
        void checkOne(String jdbc) throws Exception {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(ask(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 201) {
                throw new IllegalStateException(name + " answered " + answer.statusCode() + ": " + answer.body());
            }
            String id = answer.body().replaceAll("(?s).*\"id\"\\s*:\\s*\"([0-9a-f-]{36})\".*", "$1");
            long invited = count(jdbc, "SELECT count(*) FROM helper_invitation WHERE request_id = '" + id + "'");
            long events = count(jdbc, "SELECT count(*) FROM scaffold_outbox WHERE aggregate_id = '" + id + "'");
            if (invited != 3 || events != 1) {
                throw new IllegalStateException(name + ": request " + id + " has " + invited + " invitations and "
                        + events + " events, not 3 and 1");
            }
        }
    }

    /** {@link SameJobAskServer} in a JVM of its own, with the services' options, on requests-service's database. */
    private static BaselineJvm startBaseline(JourneyStack stack, String jdbc) throws Exception {
        return BaselineJvm.start(stack.settings.serviceJavaOpts(), SameJobAskServer.class, jdbc, "postgres",
                "postgres", stack.settings.kafkaBootstrap(),
                stack.settings.stateDir().resolve("identity/public-key.pem").toString(), stack.settings.jwtIssuer(),
                io.scaffold.local.DevIdentity.AUDIENCE);
    }

    /** A community of {@value #MEMBERS} members (five facilitators) with 3 of 200 skills each, and the askers. */
    private static void seed(String jdbc) throws Exception {
        try (Connection db = DriverManager.getConnection(jdbc, "postgres", "postgres");
                Statement sql = db.createStatement()) {
            sql.execute("INSERT INTO community_view (id, name, visibility, tags, archived, updated_at) VALUES ('"
                    + COMMUNITY + "', 'Ask path', 'PUBLIC', '{}', false, now())");
            sql.execute("INSERT INTO community_member (community_id, user_id, role) SELECT '" + COMMUNITY
                    + "', 'asker-' || g, CASE WHEN g <= 5 THEN 'FACILITATOR' ELSE 'MEMBER' END"
                    + " FROM generate_series(1, " + MEMBERS + ") g");
            sql.execute("INSERT INTO member_skill (community_id, user_id, skill, level) SELECT '" + COMMUNITY
                    + "', 'asker-' || g, 'skill' || ((g * k * 7) % 200), 1 + (g + k) % 3"
                    + " FROM generate_series(1, " + MEMBERS + ") g, generate_series(1, 3) k ON CONFLICT DO NOTHING");
            sql.execute("VACUUM ANALYZE");
            sql.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        }
    }

    /**
     * Forgets this week's invitations. Every ask invites 3 people, and nobody is invited more than 5 times a week: at
     * 100 asks a second, a few minutes of asking would leave everyone at the cap, and routing would then invite no
     * one while reading every capped candidate. Each run starts a new week instead.
     */
    private static void freshWeek(String jdbc) throws Exception {
        execute(jdbc, "DELETE FROM helper_invitation");
        execute(jdbc, "VACUUM ANALYZE helper_invitation");
    }

    private static void execute(String jdbc, String statement) throws Exception {
        try (Connection db = DriverManager.getConnection(jdbc, "postgres", "postgres");
                Statement sql = db.createStatement()) {
            sql.execute(statement);
        }
    }

    /**
     * The statements that took the database's time since the last reset, per request served: calls, planning and
     * execution; and all statements together (every round trip counts, BEGIN and COMMIT too).
     */
    private static String statements(String jdbc, long requests) throws Exception {
        StringBuilder out = new StringBuilder();
        try (Connection db = DriverManager.getConnection(jdbc, "postgres", "postgres");
                Statement sql = db.createStatement(); ResultSet row = sql.executeQuery("""
                        SELECT calls, total_plan_time, total_exec_time, query,
                               sum(calls) OVER () AS all_calls, sum(total_plan_time + total_exec_time) OVER () AS all_time
                        FROM pg_stat_statements
                        WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
                          AND query NOT LIKE '%pg_stat_statements%'
                        ORDER BY total_plan_time + total_exec_time DESC LIMIT 8""")) {
            while (row.next()) {
                if (out.isEmpty()) {
                    out.append(String.format("%n  database: %.1f statements and %.3f ms per request; the costliest"
                            + " (per request: calls, planning + execution ms):", row.getDouble(5) / requests,
                            row.getDouble(6) / requests));
                }
                String query = row.getString(4).replaceAll("\\s+", " ");
                out.append(String.format("%n    %.2f calls, %.3f + %.3f ms: %s", (double) row.getLong(1) / requests,
                        row.getDouble(2) / requests, row.getDouble(3) / requests,
                        query.substring(0, Math.min(100, query.length()))));
            }
        }
        return out.toString();
    }

    private static long count(String jdbc, String query) throws Exception {
        try (Connection db = DriverManager.getConnection(jdbc, "postgres", "postgres");
                Statement sql = db.createStatement(); ResultSet row = sql.executeQuery(query)) {
            row.next();
            return row.getLong(1);
        }
    }

    /** The stack's PostgreSQL server process (its data folder is in the state folder). */
    private static long postmaster(Path stateDir) {
        String data = stateDir.resolve("postgres/data").toString();
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(data))
                .map(ProcessHandle::pid).findFirst()
                .orElseThrow(() -> new IllegalStateException("the stack's PostgreSQL process was not found"));
    }

    /**
     * Waits (at most 3 minutes) until the machine is less than a quarter busy over a second: each run starts after
     * notifications-service has consumed the events of the run before, not while it catches up.
     */
    private static void awaitQuietMachine() throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        long[] before = machineTicks();
        do {
            Thread.sleep(1000);
            long[] now = machineTicks();
            double busy = (double) (now[0] - before[0]) / Math.max(1, now[1] - before[1]);
            if (busy < 0.25) {
                return;
            }
            before = now;
        } while (System.nanoTime() < deadline);
        System.out.println("the machine stayed busy for 3 minutes; measuring anyway");
    }

    /** Busy and total CPU ticks of the machine ({@code /proc/stat}: all but idle and iowait are busy). */
    private static long[] machineTicks() throws IOException {
        String[] fields = java.nio.file.Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < fields.length; i++) {
            total += Long.parseLong(fields[i]);
        }
        long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
        return new long[] {total - idle, total};
    }

    /** The stack's Kafka broker process (read from /proc: its class path is longer than the JDK reads). */
    private static long broker(Path stateDir) {
        return ProcessHandle.allProcesses().filter(p -> {
            try {
                String command = java.nio.file.Files.readString(Path.of("/proc/" + p.pid() + "/cmdline"));
                return command.contains("kafka.Kafka") && command.contains(stateDir.toString());
            } catch (IOException | RuntimeException e) {
                return false;
            }
        }).map(ProcessHandle::pid).findFirst()
                .orElseThrow(() -> new IllegalStateException("the stack's Kafka broker was not found"));
    }

    private static Map<String, Double> cpuOf(Map<String, Long> parts) throws IOException {
        Map<String, Double> cpu = new LinkedHashMap<>();
        for (Map.Entry<String, Long> part : parts.entrySet()) {
            cpu.put(part.getKey(), ServiceProcess.cpuMillis(part.getValue()));
        }
        return cpu;
    }

    /**
     * CPU time of the PostgreSQL backends serving requests-service's database (their process title names it): the
     * job's statements, without the other services' databases, whose consumers run beside the asks.
     */
    private static Map<Long, Double> requestsDatabaseCpuMillis(long postmaster) {
        Map<Long, Double> backends = new HashMap<>();
        for (ProcessHandle child : ProcessHandle.of(postmaster).orElseThrow().children().toList()) {
            try {
                String title = java.nio.file.Files.readString(Path.of("/proc/" + child.pid() + "/cmdline"));
                if (title.startsWith("postgres: postgres requests ")) {
                    backends.put(child.pid(), ServiceProcess.cpuMillis(child.pid()));
                }
            } catch (IOException gone) {
                // a backend that ended meanwhile
            }
        }
        return backends;
    }

    /** CPU time the backends used between two readings; one that ended meanwhile is left out. */
    private static double spent(Map<Long, Double> before, Map<Long, Double> after) {
        return after.entrySet().stream().mapToDouble(e -> e.getValue() - before.getOrDefault(e.getKey(), 0.0)).sum();
    }
}
