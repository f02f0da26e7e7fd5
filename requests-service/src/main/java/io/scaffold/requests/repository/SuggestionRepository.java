package io.scaffold.requests.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What already exists for a problem being typed: other people's requests that match it (resolved ones with an
 * accepted answer first) and the library resources of the communities the caller can see (guides first), found
 * through the full-text indexes (the word still being typed through the index of title-word starts), in one
 * statement (and a looser second one only when that finds nothing). At most {@link #MAX_CANDIDATES} matches of each are ranked, so a query made of very common words costs
 * no more than that.
 */
@ApplicationScoped
public class SuggestionRepository {
    /** The most matches of each kind one suggestion ranks. */
    static final int MAX_CANDIDATES = 100;
    /** The best-ranked matches compared with the typed text (more than the largest page of suggestions). */
    static final int SHORTLIST = 30;

    private final EntityManager em;

    public SuggestionRepository(EntityManager em) {
        this.em = em;
    }

    public record Answer(UUID requestId, String title, List<String> tags, UUID communityId, String communityName,
            String status, String acceptedAnswer, double score) {
    }

    public record Resource(UUID resourceId, UUID communityId, String type, String title, List<String> tags,
            String url, double score) {
    }

    public record Found(List<Answer> answers, List<Resource> resources) {
        boolean isEmpty() {
            return answers.isEmpty() && resources.isEmpty();
        }
    }

    /**
     * What is searched: every complete word ({@code to_tsquery} syntax, or null) and the start of a title word (or
     * null); and, when both together find nothing, the looser search: any of the complete words that is not common
     * ({@code fallbackWords}: their text; when all are common, {@code anyWords} in {@code to_tsquery} syntax) or a
     * title word starting with {@code fallbackPrefix}.
     */
    public record Search(String words, String titlePrefix, String fallbackWords, String anyWords,
            String fallbackPrefix, boolean fallback) {

        public static Search strict(String words, String titlePrefix) {
            return new Search(words, titlePrefix, null, null, null, false);
        }

        public Search orElseAnyOf(String completeWords, String anyWords, String prefix) {
            return new Search(words, titlePrefix, completeWords, anyWords, prefix, true);
        }
    }

    /**
     * Ranked by relevance (full-text rank plus the title's word similarity to what was typed). Answers count 2 times
     * with an accepted answer, 1.2 when resolved without one; resources 1.5 times for a GUIDE; either 1.3 times in
     * the community the person would ask in.
     */
    public Found suggest(Search search, String text, String callerId, UUID communityId, int limit) {
        Query strict = em.createNativeQuery(strictSql(search));
        bindIfUsed(strict, "words", search.words());
        bindIfUsed(strict, "prefix", search.titlePrefix());
        Found found = found(strict, text, callerId, communityId, limit);
        if (!search.fallback() || !found.isEmpty()) {
            return found;
        }
        // A statement of its own, run only now: folded into the strict one, the whole was planned afresh at many
        // calls (custom plans of both parts) for a part that most calls never execute.
        Query loose = em.createNativeQuery(looseSql(search))
                .setParameter("fallbackWords", search.fallbackWords() == null ? "" : search.fallbackWords())
                .setParameter("anyWords", search.anyWords());
        bindIfUsed(loose, "fallbackPrefix", search.fallbackPrefix());
        return found(loose, text, callerId, communityId, limit);
    }

    private Found found(Query query, String text, String callerId, UUID communityId, int limit) {
        query.setParameter("text", text).setParameter("me", callerId)
                .setParameter("community", communityId == null ? null : communityId.toString())
                .setParameter("limit", limit);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        List<Answer> answers = new ArrayList<>();
        List<Resource> resources = new ArrayList<>();
        for (Object[] r : rows) {
            double score = ((Number) r[8]).doubleValue();
            if ("ANSWER".equals(r[0])) {
                answers.add(new Answer((UUID) r[1], (String) r[2], tags((String) r[3]), (UUID) r[4], (String) r[5],
                        (String) r[6], (String) r[7], score));
            } else {
                resources.add(new Resource((UUID) r[1], (UUID) r[4], (String) r[6], (String) r[2],
                        tags((String) r[3]), (String) r[7], score));
            }
        }
        return new Found(answers, resources);
    }

    /** The few statements above, by shape: composed once, not at every keystroke. */
    private static final Map<String, String> STATEMENTS = new ConcurrentHashMap<>();

    private static final String VISIBLE_COMMUNITIES = """
            WITH visible_communities AS (
                SELECT v.id FROM community_view v WHERE NOT v.archived AND (v.visibility = 'PUBLIC'
                    OR EXISTS (SELECT 1 FROM community_member m WHERE m.community_id = v.id AND m.user_id = :me)))
            """;

    /**
     * The strict search {@link #suggest} runs first (public for the benchmark's query plans): every complete word and
     * the title-word start, for answers and resources.
     */
    public static String strictSql(Search search) {
        boolean hasWords = search.words() != null;
        boolean hasPrefix = search.titlePrefix() != null;
        return STATEMENTS.computeIfAbsent("strict " + hasWords + " " + hasPrefix, key -> {
            String words = hasWords ? "to_tsquery('english', CAST(:words AS text))" : null;
            String condition = condition(words, hasPrefix ? titleStart(":prefix") : null, "AND");
            return VISIBLE_COMMUNITIES + answers(condition, words) + "\nUNION ALL\n" + resources(condition, words);
        });
    }

    /**
     * The looser search, run when the strict one found nothing of either kind: the complete words' lexemes that are
     * not common (the refresh keeps search_common_word from the column statistics), or when all are common any of
     * the words and tags; or a title word starting with the fallback prefix.
     */
    public static String looseSql(Search search) {
        boolean hasPrefix = search.fallbackPrefix() != null;
        return STATEMENTS.computeIfAbsent("loose " + hasPrefix, key -> looseSql(hasPrefix));
    }

    private static String looseSql(boolean hasPrefix) {
        String anyWords = "(SELECT q FROM fallback)";
        String condition = condition(anyWords, hasPrefix ? titleStart(":fallbackPrefix") : null, "OR");
        return VISIBLE_COMMUNITIES + """
                , fallback AS (
                    SELECT coalesce(
                        (SELECT CAST(string_agg(quote_literal(l.lexeme), ' | ') AS tsquery)
                         FROM unnest(tsvector_to_array(to_tsvector('english', CAST(:fallbackWords AS text))))
                             AS l(lexeme)
                         WHERE l.lexeme NOT IN (SELECT lexeme FROM search_common_word)),
                        to_tsquery('english', CAST(:anyWords AS text))) AS q)
                """ + answers(condition, anyWords) + "\nUNION ALL\n" + resources(condition, anyWords);
    }

    /** A title-word start is a key of its own ('^' marked): quoted, it is never read as query syntax. */
    private static String titleStart(String parameter) {
        return "CAST(quote_literal('^' || CAST(" + parameter + " AS text)) AS tsquery)";
    }

    /** {@code %1$s} stands for the table alias. */
    private static String condition(String words, String titleStart, String operator) {
        String wordsMatch = words == null ? null : "%1$s.search @@ " + words;
        String prefixMatch = titleStart == null ? null : "%1$s.title_prefixes @@ " + titleStart;
        if (wordsMatch == null) {
            return prefixMatch;
        }
        return prefixMatch == null ? wordsMatch : "(" + wordsMatch + " " + operator + " " + prefixMatch + ")";
    }

    private static String relevance(String alias, String words) {
        return words == null ? "CAST(0 AS real)" : "coalesce(ts_rank(" + alias + ".search, " + words + "), 0)";
    }

    /**
     * The first {@link #MAX_CANDIDATES} matches are ranked by full-text rank and boosts; only the best
     * {@link #SHORTLIST} are compared with the typed text (trigram word similarity costs ten times the rank per
     * row), and their accepted answer read. Never the caller's own requests: they are looking for what others found.
     */
    private static String answers(String condition, String words) {
        return """
                    (SELECT 'ANSWER' AS kind, s.id, s.title, scaffold_tags_text(s.tags) AS tags, s.community_id,
                            s.community_name, s.status AS label, left(a.text, 280) AS detail,
                            CAST((s.relevance + word_similarity(:text, s.title)) * s.boost AS double precision) AS score
                     FROM (SELECT * FROM (
                              SELECT r.id, r.title, r.tags, r.community_id, r.community_name, r.status,
                                     r.accepted_response_id, %s AS relevance,
                                     CASE WHEN r.accepted_response_id IS NOT NULL THEN 2.0
                                          WHEN r.status = 'RESOLVED' THEN 1.2 ELSE 1.0 END
                                       * CASE WHEN r.community_id = CAST(:community AS uuid) THEN 1.3 ELSE 1.0 END
                                       AS boost
                              FROM help_request r
                              WHERE %s AND r.status IN ('RESOLVED', 'OPEN') AND r.requester_id <> :me AND %s
                              LIMIT %d) matched
                           ORDER BY relevance * boost DESC, id LIMIT %d) s
                     LEFT JOIN request_response a ON a.id = s.accepted_response_id
                     ORDER BY score DESC, s.id LIMIT :limit)""".formatted(relevance("r", words),
                condition.formatted("r"), HelpRequestRepository.VISIBLE, MAX_CANDIDATES, SHORTLIST);
    }

    private static String resources(String condition, String words) {
        return """
                    (SELECT 'RESOURCE' AS kind, s.id, s.title, scaffold_tags_text(s.tags) AS tags, s.community_id,
                            CAST(NULL AS text) AS community_name, s.type AS label, s.url AS detail,
                            CAST((s.relevance + word_similarity(:text, s.title)) * s.boost AS double precision) AS score
                     FROM (SELECT * FROM (
                              SELECT c.id, c.community_id, c.type, c.title, c.tags, c.url, %s AS relevance,
                                     CASE WHEN c.type = 'GUIDE' THEN 1.5 ELSE 1.0 END
                                       * CASE WHEN c.community_id = CAST(:community AS uuid) THEN 1.3 ELSE 1.0 END
                                       AS boost
                              FROM community_resource c
                              WHERE %s AND c.community_id IN (SELECT id FROM visible_communities)
                              LIMIT %d) matched
                           ORDER BY relevance * boost DESC, id LIMIT %d) s
                     ORDER BY score DESC, s.id LIMIT :limit)""".formatted(relevance("c", words),
                condition.formatted("c"), MAX_CANDIDATES, SHORTLIST);
    }

    private static void bindIfUsed(Query query, String name, String value) {
        if (value != null) {
            query.setParameter(name, value);
        }
    }

    private static List<String> tags(String text) {
        return text == null || text.isEmpty() ? List.of() : List.of(text.split(" "));
    }
}
