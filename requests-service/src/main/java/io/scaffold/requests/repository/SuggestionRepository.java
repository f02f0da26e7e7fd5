package io.scaffold.requests.repository;

import io.scaffold.requests.domain.TypedQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.util.List;
import java.util.UUID;

/**
 * What already exists for a problem being typed: other people's requests that match it (resolved ones with an
 * accepted answer first) and the library resources of the communities the caller can see (guides first), found
 * through the full-text indexes. At most {@link #MAX_CANDIDATES} matches are ranked, so a query made of very common
 * words costs no more than that.
 */
@ApplicationScoped
public class SuggestionRepository {
    /** The most matches one suggestion ranks. */
    static final int MAX_CANDIDATES = 200;

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

    /**
     * Ranked by relevance (full-text rank plus the title's word similarity to what was typed), times 2 with an
     * accepted answer, 1.2 when resolved without one, and 1.3 in the community the person would ask in.
     *
     * @param tsquery {@link TypedQuery#tsquery()} or {@link TypedQuery#anyWordTsquery()}
     */
    public List<Answer> answers(String tsquery, String text, String callerId, UUID communityId, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = bind(em.createNativeQuery(answersSql()), tsquery, text, callerId, communityId, limit)
                .getResultList();
        return rows.stream().map(r -> new Answer((UUID) r[0], (String) r[1], tags((String) r[2]), (UUID) r[3],
                (String) r[4], (String) r[5], (String) r[6], ((Number) r[7]).doubleValue())).toList();
    }

    /** The statement {@link #answers} runs (public for the benchmark's query plans). */
    public static String answersSql() {
        // Never the caller's own requests: they are looking for what others found.
        return """
                WITH typed AS (SELECT to_tsquery('english', CAST(:terms AS text)) AS q),
                candidates AS (
                    SELECT r.id FROM help_request r, typed
                    WHERE r.search @@ typed.q AND r.status IN ('RESOLVED', 'OPEN') AND r.requester_id <> :me
                      AND %s
                    LIMIT %d)
                SELECT r.id, r.title, scaffold_tags_text(r.tags), r.community_id, r.community_name, r.status,
                       left(a.text, 280),
                       (ts_rank(r.search, typed.q) + word_similarity(:text, r.title))
                           * CASE WHEN r.accepted_response_id IS NOT NULL THEN 2.0
                                  WHEN r.status = 'RESOLVED' THEN 1.2 ELSE 1.0 END
                           * CASE WHEN r.community_id = CAST(:community AS uuid) THEN 1.3 ELSE 1.0 END AS score
                FROM candidates c JOIN help_request r ON r.id = c.id CROSS JOIN typed
                LEFT JOIN request_response a ON a.id = r.accepted_response_id
                ORDER BY score DESC, r.id LIMIT :limit""".formatted(HelpRequestRepository.VISIBLE, MAX_CANDIDATES);
    }

    /** Ranked like answers; a GUIDE counts 1.5 times, and the asking community's resources 1.3 times. */
    public List<Resource> resources(String tsquery, String text, String callerId, UUID communityId, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = bind(em.createNativeQuery(resourcesSql()), tsquery, text, callerId, communityId, limit)
                .getResultList();
        return rows.stream().map(r -> new Resource((UUID) r[0], (UUID) r[1], (String) r[2], (String) r[3],
                tags((String) r[4]), (String) r[5], ((Number) r[6]).doubleValue())).toList();
    }

    /** The statement {@link #resources} runs (public for the benchmark's query plans). */
    public static String resourcesSql() {
        return """
                WITH typed AS (SELECT to_tsquery('english', CAST(:terms AS text)) AS q),
                visible AS (
                    SELECT v.id FROM community_view v WHERE NOT v.archived AND (v.visibility = 'PUBLIC'
                        OR EXISTS (SELECT 1 FROM community_member m WHERE m.community_id = v.id AND m.user_id = :me))),
                candidates AS (
                    SELECT c.id FROM community_resource c, typed
                    WHERE c.search @@ typed.q AND c.community_id IN (SELECT id FROM visible)
                    LIMIT %d)
                SELECT c.id, c.community_id, c.type, c.title, scaffold_tags_text(c.tags), c.url,
                       (ts_rank(c.search, typed.q) + word_similarity(:text, c.title))
                           * CASE WHEN c.type = 'GUIDE' THEN 1.5 ELSE 1.0 END
                           * CASE WHEN c.community_id = CAST(:community AS uuid) THEN 1.3 ELSE 1.0 END AS score
                FROM candidates k JOIN community_resource c ON c.id = k.id CROSS JOIN typed
                ORDER BY score DESC, c.id LIMIT :limit""".formatted(MAX_CANDIDATES);
    }

    private static jakarta.persistence.Query bind(jakarta.persistence.Query query, String tsquery, String text,
            String callerId, UUID communityId, int limit) {
        return query.setParameter("terms", tsquery).setParameter("text", text).setParameter("me", callerId)
                .setParameter("community", communityId == null ? null : communityId.toString())
                .setParameter("limit", limit);
    }

    private static List<String> tags(String text) {
        return text == null || text.isEmpty() ? List.of() : List.of(text.split(" "));
    }
}
