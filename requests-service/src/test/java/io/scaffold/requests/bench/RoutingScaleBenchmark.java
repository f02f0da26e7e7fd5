package io.scaffold.requests.bench;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.scaffold.platform.testing.TestTokens;
import io.scaffold.platform.testing.bench.BenchDatabase;
import io.scaffold.platform.testing.bench.BenchReport;
import io.scaffold.platform.testing.bench.LoadGenerator;
import io.scaffold.requests.repository.InvitationRepository;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How the ask's routing scales with the community (run with -Pbench): {@code POST /api/requests} into communities of
 * 1,000, 10,000 and 100,000 members, each member with 3 of 200 skills, so that a request's two tags match about 3 %
 * of the community. For each size: throughput and CPU per request with {@value #WORKERS} clients, then p99 at one
 * rate for all sizes (half the slowest size's throughput), and the statements' database time (routing's among them). The sizes alternate
 * round after round, so that the machine's drift hits them all. Figures are printed, never asserted.
 */
@QuarkusTest
@TestProfile(BenchProfile.class)
class RoutingScaleBenchmark {
    static final int WORKERS = Integer.getInteger("bench.workers", 16);
    static final Duration WARM_UP = Duration.ofSeconds(Integer.getInteger("bench.warmup", 10));
    static final Duration RUN = Duration.ofSeconds(Integer.getInteger("bench.seconds", 10));
    static final int ROUNDS = Integer.getInteger("bench.rounds", 2);
    static final int[] SIZES = {1_000, 10_000, 100_000};

    @Inject
    DataSource dataSource;

    @TestHTTPResource("/")
    URL service;

    @Test
    void askIntoCommunitiesOfGrowingSize() throws Exception {
        BenchDatabase db = new BenchDatabase(dataSource);
        for (int size : SIZES) {
            seed(db, size);
        }
        db.execute("VACUUM ANALYZE");
        String base = "http://localhost:" + service.getPort();
        Map<Integer, List<String>> askers = new LinkedHashMap<>();
        for (int size : SIZES) {
            List<String> tokens = new ArrayList<>(); // signed up front: the generator shares the server's 2 cores
            for (int i = 1; i <= 200; i++) {
                tokens.add(TestTokens.bearer(member(size, 1 + (i * 37) % size)));
            }
            askers.put(size, tokens);
        }
        LoadGenerator load = new LoadGenerator();
        for (int size : SIZES) {
            load.closedLoop("warm-up", WORKERS, Duration.ZERO, WARM_UP, () -> ask(base, size, askers.get(size)));
        }
        Map<Integer, List<LoadGenerator.Result>> closed = new LinkedHashMap<>();
        for (int round = 0; round < ROUNDS; round++) {
            for (int size : SIZES) {
                db.resetStatements();
                closed.computeIfAbsent(size, s -> new ArrayList<>()).add(load.closedLoop(String.format(
                        "POST /api/requests, %,d members, round %d", size, round + 1), WORKERS, Duration.ZERO, RUN,
                        () -> ask(base, size, askers.get(size))));
                if (round == ROUNDS - 1) {
                    db.printStatements(String.format("POST /api/requests, %,d members", size), 4);
                }
            }
        }
        double rate = closed.values().stream().flatMap(List::stream)
                .mapToDouble(LoadGenerator.Result::requestsPerSecond).min().orElseThrow() / 2;
        Map<Integer, LoadGenerator.Result> paced = new LinkedHashMap<>();
        for (int size : SIZES) {
            paced.put(size, load.paced(String.format("POST /api/requests, %,d members @ %.0f/s", size, rate), rate,
                    WORKERS, RUN, () -> ask(base, size, askers.get(size))));
        }

        for (int size : List.of(SIZES[1], SIZES[2])) {
            db.explain(String.format("routing of a new request, %,d members, after the runs' invitations", size),
                    InvitationRepository.rankingInCommunity(true)
                            .replace(":tags", "ARRAY['skill7', 'skill91']").replace(":requester", "'"
                                    + member(size, 1) + "'").replace(":community", "'" + community(size) + "'")
                            .replace(":since", "now() - interval '7 days'").replace(":maxPerWeek", "5")
                            .replace(":limit", "3").replace(":pivot", "0"));
        }

        System.out.println();
        System.out.println("=== routing scale: POST /api/requests by community size (" + WORKERS + " clients, "
                + RUN.toSeconds() + " s per run, " + ROUNDS + " rounds; 3 skills of 200 per member) ===");
        closed.values().forEach(runs -> runs.forEach(r -> System.out.println(r.line())));
        paced.values().forEach(r -> System.out.println(r.line()));
        Map<Integer, Double> cpu = new LinkedHashMap<>();
        for (int size : SIZES) {
            cpu.put(size, closed.get(size).stream().mapToDouble(LoadGenerator.Result::cpuMillisPerRequest).min()
                    .orElseThrow());
            System.out.printf("%,7d members: CPU per request %.2f ms (best round), p99 at %.0f/s %.1f ms%n", size,
                    cpu.get(size), rate, paced.get(size).p(99));
        }
        int small = SIZES[0];
        int large = SIZES[SIZES.length - 1];
        System.out.printf("growth from %,d to %,d members: CPU %.2fx, p99 %.2fx%n", small, large,
                cpu.get(large) / cpu.get(small), paced.get(large).p(99) / paced.get(small).p(99));
        System.out.println();
        BenchReport.record("POST /api/requests CPU per request, 100,000-member community (baseline: 1,000 members)",
                cpu.get(large), "ms", cpu.get(small), BenchReport.Target.ratioAtMost(1.5));
        BenchReport.record(String.format("POST /api/requests p99 at %.0f/s, 100,000-member community (baseline: 1,000"
                + " members)", rate), paced.get(large).p(99), "ms", paced.get(small).p(99),
                BenchReport.Target.ratioAtMost(1.5));
    }

    private static java.net.http.HttpRequest ask(String base, int size, List<String> askers) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return LoadGenerator.post(base + "/api/requests", askers.get(random.nextInt(askers.size())),
                "{\"title\":\"Help with skill" + random.nextInt(200) + "\",\"body\":\"Stuck since this morning\","
                        + "\"tags\":[\"skill" + random.nextInt(200) + "\",\"skill" + random.nextInt(200)
                        + "\"],\"communityId\":\"" + community(size) + "\"}");
    }

    static String community(int size) {
        return String.format("00000000-0000-0000-0000-%012d", size);
    }

    static String member(int size, int n) {
        return "scale" + size + "-" + n;
    }

    /** A community of {@code size} members (five facilitators), each with 3 of 200 skills at levels 1-3. */
    private static void seed(BenchDatabase db, int size) throws Exception {
        String community = community(size);
        db.execute("INSERT INTO community_view (id, name, visibility, tags, archived, updated_at) VALUES ('" + community
                + "', 'Scale " + size + "', 'PUBLIC', '{}', false, now()) ON CONFLICT DO NOTHING");
        db.execute("INSERT INTO community_member (community_id, user_id, role) SELECT '" + community + "', 'scale"
                + size + "-' || g, CASE WHEN g <= 5 THEN 'FACILITATOR' ELSE 'MEMBER' END FROM generate_series(1, "
                + size + ") g ON CONFLICT DO NOTHING");
        db.execute("INSERT INTO member_skill (community_id, user_id, skill, level) SELECT '" + community + "', 'scale"
                + size + "-' || g, 'skill' || ((g * k * 7) % 200), 1 + (g + k) % 3 FROM generate_series(1, " + size
                + ") g, generate_series(1, 3) k ON CONFLICT DO NOTHING");
    }
}
