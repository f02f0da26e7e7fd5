package io.scaffold.communities.bench;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scaffold.local.gateway.Gateway;
import io.scaffold.local.gateway.RouteTable;
import io.scaffold.platform.testing.TestTokens;
import io.scaffold.platform.testing.bench.BenchDatabase;
import io.scaffold.platform.testing.bench.LoadGenerator;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The read path of communities-service, measured against a baseline in the same run (run with -Pbench):
 * <ul>
 *   <li>GET /api/communities/{id} through the gateway vs a bare Panache findById endpoint on the same database;</li>
 *   <li>p99 of that read at half the measured throughput;</li>
 *   <li>full-text search over 10,000 communities and 100,000 resources, with the query plans.</li>
 * </ul>
 * Figures are printed, never asserted: these machines are noisy.
 */
@QuarkusTest
class CommunityReadBenchmark {
    static final String[] WORDS = {"kafka", "postgres", "kubernetes", "react", "java", "quarkus", "security",
            "design", "testing", "observability", "networking", "python", "accessibility", "onboarding", "sales",
            "finance", "legal", "hiring", "coaching", "leadership", "agile", "devops", "terraform", "linux",
            "mobile", "android", "swift", "golang", "rust", "graphql", "caching", "search", "analytics", "privacy",
            "compliance", "support", "writing", "research", "pricing", "marketing"};
    static final int WORKERS = Integer.getInteger("bench.workers", 16);
    static final Duration WARM_UP = Duration.ofSeconds(Integer.getInteger("bench.warmup", 5));
    static final Duration RUN = Duration.ofSeconds(Integer.getInteger("bench.seconds", 10));

    @Inject
    DataSource dataSource;

    BenchDatabase db; // set once the data source is injected

    @TestHTTPResource("/")
    URL service;

    @Test
    void readAndSearchPaths() throws Exception {
        db = new BenchDatabase(dataSource);
        seed();
        List<String> ids = db.query("SELECT id::text FROM community WHERE name LIKE 'bench-%' ORDER BY random() LIMIT 5000");
        List<String> libraryCommunities = db.query("SELECT DISTINCT community_id::text FROM shared_resource LIMIT 100");
        String bearer = TestTokens.bearer("bench-owner");
        String reader = TestTokens.bearer("bench-reader");
        String direct = "http://localhost:" + service.getPort();
        LoadGenerator load = new LoadGenerator();

        try (Gateway gateway = Gateway.start("127.0.0.1", 0,
                RouteTable.read(Path.of("../deploy/k8s/base/gateway/httproutes.yaml")),
                Map.of("communities-service", service.getPort(), "requests-service", service.getPort(),
                        "notifications-service", service.getPort()), List.of(), null)) {
            String viaGateway = "http://127.0.0.1:" + gateway.port();
            List<LoadGenerator.Result> results = new ArrayList<>();

            LoadGenerator.Result baseline = load.closedLoop("baseline: bare Panache findById (direct)", WORKERS,
                    WARM_UP, RUN, () -> LoadGenerator.get(direct + "/bench/baseline/communities/" + any(ids), null));
            results.add(baseline);
            results.add(load.closedLoop("GET /api/communities/{id} (direct)", WORKERS, WARM_UP, RUN,
                    () -> LoadGenerator.get(direct + "/api/communities/" + any(ids), bearer)));
            LoadGenerator.Result gatewayRead = load.closedLoop("GET /api/communities/{id} (gateway)", WORKERS,
                    WARM_UP, RUN, () -> LoadGenerator.get(viaGateway + "/api/communities/" + any(ids), bearer));
            results.add(gatewayRead);
            double half = gatewayRead.requestsPerSecond() / 2;
            results.add(load.paced(String.format("GET /api/communities/{id} (gateway) @ %.0f/s", half), half,
                    WORKERS, RUN, () -> LoadGenerator.get(viaGateway + "/api/communities/" + any(ids), bearer)));
            results.add(load.closedLoop("search communities ?q=<word> (gateway)", 4, WARM_UP, RUN,
                    () -> LoadGenerator.get(viaGateway + "/api/communities?q=" + word(), reader)));
            results.add(load.closedLoop("search communities ?q=<w1 or w2> (gateway)", 4, WARM_UP, RUN,
                    () -> LoadGenerator.get(viaGateway + "/api/communities?q=" + word() + "%20or%20" + word(), reader)));
            results.add(load.closedLoop("search resources ?q=<word> (gateway)", 4, WARM_UP, RUN,
                    () -> LoadGenerator.get(viaGateway + "/api/communities/" + any(libraryCommunities)
                            + "/resources?q=" + word(), bearer)));

            System.out.println();
            System.out.println("=== communities-service read path (" + WORKERS + " clients, " + RUN.toSeconds()
                    + " s per run, 10,000 communities, 100,000 resources) ===");
            results.forEach(r -> System.out.println(r.line()));
            io.scaffold.platform.testing.bench.BenchReport.record("GET /api/communities/{id} via the gateway,"
                    + " throughput (baseline: a bare findById endpoint)", gatewayRead.requestsPerSecond(), "req/s",
                    baseline.requestsPerSecond(), null);
            System.out.printf("gateway read / baseline throughput: %.0f %%%n",
                    100 * gatewayRead.requestsPerSecond() / baseline.requestsPerSecond());
            System.out.println();
            db.explain("community search", """
                    SELECT c.id, ts_rank(c.search, websearch_to_tsquery('english', 'kafka7')) AS rank
                    FROM community c
                    WHERE (c.visibility = 'PUBLIC' OR EXISTS (SELECT 1 FROM membership m
                           WHERE m.community_id = c.id AND m.user_id = 'bench-reader')) AND c.archived_at IS NULL
                      AND c.search @@ websearch_to_tsquery('english', 'kafka7')
                    ORDER BY 2 DESC, c.id LIMIT 21""");
            db.explain("resource search", """
                    SELECT r.id, ts_rank(r.search, websearch_to_tsquery('english', 'kafka7'))
                    FROM shared_resource r WHERE r.community_id = '%s'
                      AND r.search @@ websearch_to_tsquery('english', 'kafka7')
                    ORDER BY ts_rank(r.search, websearch_to_tsquery('english', 'kafka7')) DESC, r.id LIMIT 21"""
                    .formatted(libraryCommunities.get(0)));
        }
    }

    static String any(List<String> values) {
        return values.get(ThreadLocalRandom.current().nextInt(values.size()));
    }

    /** One of the 1,000 distinct tokens of the seeded text: a base word and a qualifier, e.g. kafka7. */
    static String word() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return URLEncoder.encode(WORDS[random.nextInt(WORDS.length)] + random.nextInt(25), StandardCharsets.UTF_8);
    }

    /**
     * 10,000 communities (a fifth private, all owned by bench-owner; bench-reader belongs to three) and 100,000
     * resources in 100 of them. Text is made of 1,000 distinct tokens (40 words x 25 qualifiers).
     */
    void seed() throws Exception {
        String words = "ARRAY['" + String.join("','", WORDS) + "']";
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            sql.execute("""
                    INSERT INTO community (id, name, description, visibility, tags, member_count, created_by,
                                           created_at, updated_at)
                    SELECT gen_random_uuid(), 'bench-' || g || ' ' || w[1 + g %% 40] || (g %% 25) || ' ' || w[1 + (g / 40) %% 40] || (g %% 23),
                           'People who work on ' || w[1 + (g * 7) %% 40] || (g %% 19) || ', ' || w[1 + (g * 13) %% 40]
                               || (g %% 17) || ' and ' || w[1 + (g * 17) %% 40] || (g %% 13)
                               || '. We share runbooks and help each other.',
                           CASE WHEN g %% 5 = 0 THEN 'PRIVATE' ELSE 'PUBLIC' END,
                           ARRAY[w[1 + g %% 40] || (g %% 25), w[1 + (g * 3) %% 40] || (g %% 11)], 1, 'bench-owner', now(), now()
                    FROM generate_series(1, 10000) g, (SELECT %s AS w) words""".formatted(words));
            sql.execute("""
                    INSERT INTO membership (community_id, user_id, role, status, created_at, updated_at)
                    SELECT id, 'bench-owner', 'OWNER', 'ACTIVE', now(), now() FROM community WHERE name LIKE 'bench-%'""");
            sql.execute("""
                    INSERT INTO membership (community_id, user_id, role, status, created_at, updated_at)
                    SELECT id, 'bench-reader', 'MEMBER', 'ACTIVE', now(), now() FROM community
                    WHERE name LIKE 'bench-%' AND visibility = 'PRIVATE' ORDER BY name LIMIT 3""");
            sql.execute("""
                    INSERT INTO shared_resource (id, community_id, type, title, description, tags, url, author_id,
                                                 created_at, updated_at)
                    SELECT gen_random_uuid(), c.ids[1 + g %% 100], 'LINK',
                           'How to ' || w[1 + g %% 40] || (g %% 25) || ' with ' || w[1 + (g / 40) %% 40] || (g %% 21),
                           'Notes on ' || w[1 + (g * 7) %% 40] || (g %% 19) || ' and ' || w[1 + (g * 11) %% 40]
                               || (g %% 17),
                           ARRAY[w[1 + g %% 40] || (g %% 25)], 'https://wiki.example.com/' || g, 'bench-owner',
                           now() - g * interval '1 second', now()
                    FROM generate_series(1, 100000) g,
                         (SELECT %s AS w) words,
                         (SELECT array_agg(id) AS ids FROM (SELECT id FROM community WHERE name LIKE 'bench-%%'
                                                            ORDER BY name LIMIT 100) x) c""".formatted(words));
            sql.execute("VACUUM ANALYZE"); // as autovacuum would: merges the GIN pending lists of the bulk load
        }
    }
}
