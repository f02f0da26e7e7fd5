package io.scaffold.requests.bench;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.scaffold.platform.testing.TestTokens;
import io.scaffold.platform.testing.bench.BenchDatabase;
import io.scaffold.platform.testing.bench.BenchReport;
import io.scaffold.platform.testing.bench.ExternalLoad;
import io.scaffold.platform.testing.bench.LoadGenerator;
import io.scaffold.requests.domain.TypedQuery;
import io.scaffold.requests.repository.SearchVocabulary;
import io.scaffold.requests.repository.SuggestionRepository;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Suggestions while a title is typed, over 150,000 requests and 100,000 library resources (run with -Pbench): p50 and
 * p99 at 50 requests/s of partial titles (a third with two letters swapped in the last word), next to the full-text
 * request search at the same rate in the same run, with the query plans. The load comes from a Node.js process (on
 * the PATH), not from the service's JVM. Figures are printed, never asserted.
 */
@QuarkusTest
@TestProfile(BenchProfile.class)
class SuggestionsBenchmark {
    static final double RATE = Double.parseDouble(System.getProperty("bench.suggestions.rate", "50"));
    /**
     * Warm-up at twice the rate (and half as long for the baseline's searches): at 50/s, 20 s (1,000 keystrokes) left
     * the JIT compiler busy through the measured run (JFR: a third of a core), which measured the compiler, not a
     * serving instance.
     */
    static final Duration WARM_UP = Duration.ofSeconds(Integer.getInteger("bench.warmup", 40));
    static final Duration RUN = Duration.ofSeconds(Integer.getInteger("bench.seconds", 30));
    static final String CALLER = "member-1";

    @Inject
    DataSource dataSource;

    @Inject
    SearchVocabulary vocabulary;

    @TestHTTPResource("/")
    URL service;

    @Test
    void suggestionsAsTyped() throws Exception {
        BenchDatabase db = new BenchDatabase(dataSource);
        RequestsBenchmark.seedRequests(db);
        seedLibraries(db);
        // The seed wrote rows with SQL: their words join the typo-correction list as the refresh job would add them.
        db.execute("INSERT INTO search_word (word) SELECT DISTINCT w FROM (SELECT regexp_split_to_table(lower(title),"
                + " '[^[:alnum:]]+') AS w FROM help_request UNION ALL SELECT regexp_split_to_table(lower(title),"
                + " '[^[:alnum:]]+') FROM community_resource) words WHERE length(w) BETWEEN 3 AND 40"
                + " ON CONFLICT DO NOTHING");
        // ... and the words too common to search alone are read from the statistics, as the refresh job does.
        QuarkusTransaction.requiringNew().run(vocabulary::refreshCommonWords);
        // The seed's dirty pages are written now, not by a checkpoint or autovacuum in the middle of a measured run.
        db.execute("VACUUM ANALYZE");
        db.execute("CHECKPOINT");
        System.out.println("common words: " + db.query("SELECT lexeme FROM search_common_word ORDER BY lexeme"));
        String base = "http://localhost:" + service.getPort();
        String bearer = TestTokens.bearer(CALLER);
        // The seeded titles only: the requests benchmark, run first in the same JVM, asks "Help with <skill>".
        List<String> titles = db.query("SELECT title FROM help_request WHERE title LIKE 'How do I % with %'"
                + " ORDER BY random() LIMIT 5000");
        List<String> keystrokes = new ArrayList<>();
        List<String> searches = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            keystrokes.add(suggestion(base, titles));
            searches.add(search(base));
        }

        // From a process of its own (Node.js), as clients are: the service's JVM runs nothing but the service.
        List<LoadGenerator.Result> results = new ArrayList<>();
        ExternalLoad.paced("warm-up", 2 * RATE, WARM_UP, Duration.ZERO, bearer, keystrokes);
        ExternalLoad.paced("warm-up", 2 * RATE, WARM_UP.dividedBy(2), Duration.ZERO, bearer, searches);
        long compiling = compilationMillis();
        results.add(ExternalLoad.paced("baseline: GET /api/requests?q=<word> (full-text search)", RATE, Duration.ZERO,
                RUN, bearer, searches));
        long compilingBaseline = compilationMillis() - compiling;
        db.resetStatements();
        compiling = compilationMillis();
        results.add(ExternalLoad.paced("GET /api/requests/suggestions?q=<partial title>", RATE, Duration.ZERO, RUN,
                bearer, keystrokes));
        long compilingSuggestions = compilationMillis() - compiling;
        db.printStatements("suggestions", 8);
        List<String> replanned = db.query("SELECT query FROM pg_stat_statements WHERE mean_plan_time > 1"
                + " AND query LIKE 'WITH visible_communities%' ORDER BY calls DESC LIMIT 1");
        List<String> slowest = slowestAlone(bearer, keystrokes.subList(0, 1000));

        System.out.println();
        System.out.println("=== suggestions (" + RATE + " requests/s, " + RUN.toSeconds() + " s; "
                + db.count("SELECT count(*) FROM help_request") + " requests, "
                + db.count("SELECT count(*) FROM community_resource") + " resources) ===");
        results.forEach(r -> System.out.println(r.line()));
        BenchReport.record("suggestions while typing, p99 at " + (int) RATE + "/s (150,000 requests, 100,000"
                + " resources)", results.get(1).p(99), "ms", results.get(0).p(99), BenchReport.Target.below(30, "ms"));
        System.out.printf("JIT compiler time during the runs (warm: close to 0): baseline %d ms, suggestions %d ms%n",
                compilingBaseline, compilingSuggestions);
        System.out.println();
        slowest.forEach(System.out::println);
        replanned.forEach(q -> System.out.println("planned at each call (custom plans): " + q));
        System.out.println();
        TypedQuery typed = TypedQuery.of("How do I fix kafka7 with postg");
        SuggestionRepository.Search found = SuggestionRepository.Search.strict(typed.wordsTsquery(),
                typed.titlePrefix()).orElseAnyOf("How do I fix kafka7 with", typed.anyWordTsquery(), "postg");
        db.explain("suggestions for \"How do I fix kafka7 with postg\" (every word together finds something)",
                literal(SuggestionRepository.strictSql(found), found, typed));
        TypedQuery loose = TypedQuery.of("How do I fix kafka7 with pricing3 postg");
        SuggestionRepository.Search fallback = SuggestionRepository.Search.strict(loose.wordsTsquery(),
                loose.titlePrefix()).orElseAnyOf("How do I fix kafka7 with pricing3", loose.anyWordTsquery(),
                "postg");
        db.explain("suggestions for \"How do I fix kafka7 with pricing3 postg\" (no title has every word: any"
                + " specific word, \"fix\" is in a tenth of the titles, so it is left out)",
                literal(SuggestionRepository.looseSql(fallback), fallback, loose));
        TypedQuery common = TypedQuery.of("How do I secure androi");
        SuggestionRepository.Search commonOnly = SuggestionRepository.Search.strict(common.wordsTsquery(),
                common.titlePrefix());
        db.explain("suggestions for \"How do I secure androi\" (a common word and a common word start: thousands of"
                + " titles have both)", literal(SuggestionRepository.strictSql(commonOnly), commonOnly, common));
        TypedQuery rare = TypedQuery.of("How do I monitor pircing8 with");
        SuggestionRepository.Search rareOnly = SuggestionRepository.Search.strict(rare.wordsTsquery(),
                rare.titlePrefix()).orElseAnyOf("How do I monitor pircing8", rare.anyWordTsquery(), null);
        db.explain("suggestions for \"How do I monitor pircing8 with\" (an unknown word; \"with\" starts a word"
                + " in every title, so the looser search leaves it out)",
                literal(SuggestionRepository.looseSql(rareOnly), rareOnly, rare));
        db.explain("typo correction of \"kafak7\"", "SELECT (SELECT s.word FROM search_word s WHERE s.word % 'kafak7'"
                + " AND similarity(s.word, 'kafak7') >= 0.4 ORDER BY similarity(s.word, 'kafak7') DESC, s.word"
                + " LIMIT 1) WHERE NOT EXISTS (SELECT 1 FROM search_word k WHERE k.word = 'kafak7')");
    }

    private static long compilationMillis() {
        return java.lang.management.ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    }

    /**
     * The same keystrokes one at a time, nothing else running: where the time goes without queueing, and the
     * slowest texts (which kind of query makes the tail).
     */
    static List<String> slowestAlone(String bearer, List<String> keystrokes) throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        List<Object[]> timed = new ArrayList<>();
        for (String url : keystrokes) {
            long start = System.nanoTime();
            client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                    .header("Authorization", bearer).build(), java.net.http.HttpResponse.BodyHandlers.discarding());
            timed.add(new Object[] {(System.nanoTime() - start) / 1e6,
                    java.net.URLDecoder.decode(url.substring(url.indexOf("q=") + 2), StandardCharsets.UTF_8)});
        }
        timed.sort((a, b) -> Double.compare((double) b[0], (double) a[0]));
        List<String> lines = new ArrayList<>();
        lines.add(String.format("suggestions one at a time (%d keystrokes): p50 %.2f ms, p99 %.2f ms; the slowest:",
                timed.size(), (double) timed.get(timed.size() / 2)[0], (double) timed.get(timed.size() / 100)[0]));
        timed.subList(0, 12).forEach(t -> lines.add(String.format("  %7.2f ms  %s", (double) t[0], t[1])));
        return lines;
    }

    /**
     * What someone types: four times in five an existing title's start, cut inside a word after the first four
     * words (a third of those with two letters swapped in a complete word: a typo to correct); once in five words
     * that no title has together (every word together finds nothing, so any specific word is searched).
     */
    static String suggestion(String base, List<String> titles) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String typed;
        if (random.nextInt(5) == 0) {
            String last = RequestsBenchmark.word();
            typed = "How do I " + RequestsBenchmark.VERBS[random.nextInt(RequestsBenchmark.VERBS.length)] + " "
                    + RequestsBenchmark.word() + " with " + last.substring(0, 3 + random.nextInt(last.length() - 2));
        } else {
            String[] words = titles.get(random.nextInt(titles.size())).split(" ");
            int cut = 4 + random.nextInt(words.length - 4);
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < cut; i++) {
                String word = words[i];
                if (i == 4 && random.nextInt(3) == 0 && word.length() > 4) {
                    word = word.charAt(0) + "" + word.charAt(2) + word.charAt(1) + word.substring(3);
                }
                text.append(word).append(' ');
            }
            String last = words[cut];
            typed = text + last.substring(0, Math.min(last.length(), 2 + random.nextInt(last.length())));
        }
        return base + "/api/requests/suggestions?q=" + URLEncoder.encode(typed, StandardCharsets.UTF_8);
    }

    static String search(String base) {
        return base + "/api/requests?q=" + RequestsBenchmark.word();
    }

    /** The query with its parameters written in, for EXPLAIN. */
    static String literal(String sql, SuggestionRepository.Search search, TypedQuery typed) {
        return sql.replace(":words", quoted(search.words())).replace(":prefix", quoted(search.titlePrefix()))
                .replace(":fallbackWords", quoted(search.fallbackWords()))
                .replace(":anyWords", quoted(search.anyWords()))
                .replace(":fallbackPrefix", quoted(search.fallbackPrefix()))
                .replace(":text", quoted(typed.text())).replace(":me", quoted(CALLER))
                .replace(":community", "NULL").replace(":limit", "5");
    }

    private static String quoted(String value) {
        return value == null ? "NULL" : "'" + value.replace("'", "''") + "'";
    }

    /**
     * 100 communities (90 public; the caller a member of 5 of the 10 private ones) sharing 100,000 resources of
     * every type, titled with the same 1,000 tokens as the requests.
     */
    static void seedLibraries(BenchDatabase db) throws Exception {
        if (db.count("SELECT count(*) FROM community_resource") >= 100_000) {
            return;
        }
        db.execute("""
                INSERT INTO community_view (id, name, visibility, tags, archived, updated_at)
                SELECT CAST(lpad(to_hex(g), 8, '0') || '-0000-4000-8000-00000000b1b1' AS uuid), 'Library ' || g,
                       CASE WHEN g %% 10 = 0 THEN 'PRIVATE' ELSE 'PUBLIC' END, '{}', false, now()
                FROM generate_series(1, 100) g ON CONFLICT DO NOTHING""".formatted());
        db.execute("""
                INSERT INTO community_member (community_id, user_id, role)
                SELECT CAST(lpad(to_hex(g), 8, '0') || '-0000-4000-8000-00000000b1b1' AS uuid), '%s', 'MEMBER'
                FROM generate_series(10, 50, 10) g ON CONFLICT DO NOTHING""".formatted(CALLER));
        db.execute("""
                INSERT INTO community_resource (id, community_id, type, title, tags, url)
                SELECT gen_random_uuid(),
                       CAST(lpad(to_hex(1 + g %% 100), 8, '0') || '-0000-4000-8000-00000000b1b1' AS uuid),
                       (ARRAY['LINK', 'DOCUMENT', 'COURSE', 'GUIDE'])[1 + g %% 4],
                       initcap(v[1 + g %% 10]) || ' ' || w[1 + (g / 3) %% 40] || (g %% 25) || ' for '
                           || w[1 + (g / 7) %% 40] || (g %% 23),
                       ARRAY['skill' || (g %% 200)], 'https://wiki.example.com/' || g
                FROM generate_series(1, 100000) g, (SELECT %s AS w, %s AS v) words""".formatted(
                "ARRAY['" + String.join("','", RequestsBenchmark.WORDS) + "']",
                "ARRAY['" + String.join("','", RequestsBenchmark.VERBS) + "']"));
        db.execute("VACUUM ANALYZE");
    }
}
