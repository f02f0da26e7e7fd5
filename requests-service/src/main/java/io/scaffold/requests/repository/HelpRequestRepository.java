package io.scaffold.requests.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.scaffold.requests.domain.HelpRequest;
import io.scaffold.requests.domain.RequestStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class HelpRequestRepository implements PanacheRepositoryBase<HelpRequest, UUID> {

    /**
     * What the caller may see: requests outside any community, requests in communities they are an active member of,
     * their own, and those they were asked to help with.
     */
    static final String VISIBLE = """
            (r.community_id IS NULL OR r.requester_id = :me
             OR EXISTS (SELECT 1 FROM community_member m WHERE m.community_id = r.community_id AND m.user_id = :me)
             OR EXISTS (SELECT 1 FROM helper_invitation i WHERE i.request_id = r.id AND i.user_id = :me))""";

    /** Filters of the list, as one caller asks for them. */
    public record Filter(String callerId, UUID communityId, RequestStatus status, boolean mine, String tag,
            String query) {
    }

    /** A row of a list: the request and, for searches, its rank. */
    public record Listed(HelpRequest request, Float rank) {
    }

    public Optional<HelpRequest> findForUpdate(UUID id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * Keyset page, newest first ({@code after} = [created_at, id]) or, with a query, by full-text rank
     * ({@code after} = [rank, id]).
     */
    public List<Listed> list(Filter filter, List<String> after, int limit) {
        boolean search = filter.query() != null;
        // The query is parsed once per statement (a generic plan would otherwise parse it again for every row).
        String rank = "ts_rank(r.search, tq)";
        StringBuilder sql = new StringBuilder("SELECT r.id, ").append(search ? rank : "NULL::real")
                .append(" FROM help_request r")
                .append(search ? " CROSS JOIN websearch_to_tsquery('english', :q) AS tq" : "")
                .append(" WHERE ").append(VISIBLE);
        if (filter.communityId() != null) {
            sql.append(" AND r.community_id = :community");
        }
        if (filter.status() != null) {
            sql.append(" AND r.status = :status");
        }
        if (filter.mine()) {
            sql.append(" AND r.requester_id = :me");
        }
        if (filter.tag() != null) {
            sql.append(" AND r.tags @> ARRAY[CAST(:tag AS text)]");
        }
        if (search) {
            sql.append(" AND r.search @@ tq");
            if (after != null) {
                sql.append(" AND (").append(rank).append(" < CAST(:afterRank AS real) OR (").append(rank)
                        .append(" = CAST(:afterRank AS real) AND r.id > CAST(:afterId AS uuid)))");
            }
            sql.append(" ORDER BY 2 DESC, r.id");
        } else {
            if (after != null) {
                sql.append(" AND (r.created_at, r.id) < (CAST(:afterTime AS timestamptz), CAST(:afterId AS uuid))");
            }
            sql.append(" ORDER BY r.created_at DESC, r.id DESC");
        }
        sql.append(" LIMIT :limit");
        var query = getEntityManager().createNativeQuery(sql.toString())
                .setParameter("me", filter.callerId()).setParameter("limit", limit);
        if (filter.communityId() != null) {
            query.setParameter("community", filter.communityId());
        }
        if (filter.status() != null) {
            query.setParameter("status", filter.status().name());
        }
        if (filter.tag() != null) {
            query.setParameter("tag", filter.tag());
        }
        if (search) {
            query.setParameter("q", filter.query());
        }
        if (after != null) {
            query.setParameter("afterId", after.get(1));
            query.setParameter(search ? "afterRank" : "afterTime", after.get(0));
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return withEntities(rows);
    }

    /** Share of requests above which a word is too common to tell similar requests apart. */
    static final double COMMON_WORD_SHARE = 0.01;

    /** A similar item: a resolved request or a community resource, ranked against the request's own words. */
    public record Similar(String kind, UUID id, String title, List<String> tags, UUID communityId, String url,
            float rank) {
    }

    /**
     * Resolved requests the caller can see and resources of the communities the caller can see (public ones and
     * their own) that share words with the request's title or tags, best first. Those lexemes (the body's are too
     * many) are OR-ed into one query, so the full-text indexes drive both searches. Words in more than 1 % of all
     * requests ("fix", "error"), as PostgreSQL's own column statistics count them, are left out: they say little
     * about similarity and would make every search rank thousands of rows. When every word is that common, all of
     * them are used.
     */
    public List<Similar> similar(HelpRequest request, String callerId, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = getEntityManager().createNativeQuery("""
                WITH own AS (
                    SELECT lexeme FROM help_request src,
                           unnest(tsvector_to_array(ts_filter(src.search, '{a,b}'))) AS lexeme
                    WHERE src.id = :id),
                common AS (
                    SELECT c.lexeme FROM pg_stats s,
                           unnest(CAST(CAST(s.most_common_elems AS text) AS text[]), s.most_common_elem_freqs)
                               AS c(lexeme, freq)
                    WHERE s.tablename = 'help_request' AND s.attname = 'search' AND c.freq > :commonShare),
                rare AS (SELECT lexeme FROM own WHERE lexeme NOT IN (SELECT lexeme FROM common WHERE lexeme IS NOT NULL)),
                words AS (
                    SELECT to_tsquery('simple', string_agg(quote_literal(lexeme), ' | ')) AS q
                    FROM (SELECT lexeme FROM rare
                          UNION ALL SELECT lexeme FROM own WHERE NOT EXISTS (SELECT 1 FROM rare)) picked
                    HAVING count(*) > 0)
                (SELECT 'REQUEST', r.id, r.title, scaffold_tags_text(r.tags), r.community_id, NULL,
                        ts_rank(r.search, words.q) AS rank
                 FROM help_request r, words
                 WHERE r.search @@ words.q AND r.status = 'RESOLVED' AND r.id <> :id AND %s
                 ORDER BY rank DESC, r.id LIMIT :limit)
                UNION ALL
                (SELECT 'RESOURCE', c.id, c.title, scaffold_tags_text(c.tags), c.community_id, c.url,
                        ts_rank(c.search, words.q) AS rank
                 FROM community_resource c JOIN community_view v ON v.id = c.community_id, words
                 WHERE c.search @@ words.q AND NOT v.archived AND (v.visibility = 'PUBLIC' OR EXISTS (
                     SELECT 1 FROM community_member m WHERE m.community_id = v.id AND m.user_id = :me))
                 ORDER BY rank DESC, c.id LIMIT :limit)
                ORDER BY 7 DESC, 2 LIMIT :limit""".formatted(VISIBLE))
                .setParameter("id", request.id).setParameter("me", callerId).setParameter("limit", limit)
                .setParameter("commonShare", COMMON_WORD_SHARE)
                .getResultList();
        return rows.stream().map(r -> new Similar((String) r[0], (UUID) r[1], (String) r[2],
                ((String) r[3]).isEmpty() ? List.of() : List.of(((String) r[3]).split(" ")), (UUID) r[4],
                (String) r[5], ((Number) r[6]).floatValue())).toList();
    }

    /** How many open requests have a rung due at or before {@code dueBy}. */
    public long countDueForEscalation(Instant dueBy) {
        return ((Number) getEntityManager().createNativeQuery("""
                SELECT count(*) FROM help_request
                WHERE status = 'OPEN' AND next_escalation_at IS NOT NULL AND next_escalation_at <= :due""")
                .setParameter("due", Timestamp.from(dueBy)).getSingleResult()).longValue();
    }

    /**
     * Open requests whose next rung is due, oldest due first, locked so that another replica's scan skips them.
     */
    public List<HelpRequest> lockDueForEscalation(Instant now, int limit) {
        @SuppressWarnings("unchecked")
        List<UUID> ids = getEntityManager().createNativeQuery("""
                SELECT id FROM help_request
                WHERE status = 'OPEN' AND next_escalation_at IS NOT NULL AND next_escalation_at <= :now
                ORDER BY next_escalation_at LIMIT :limit FOR UPDATE SKIP LOCKED""")
                .setParameter("now", Timestamp.from(now)).setParameter("limit", limit).getResultList();
        return ids.isEmpty() ? List.of() : list("id in ?1 order by nextEscalationAt", ids);
    }

    private List<Listed> withEntities(List<Object[]> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = rows.stream().map(row -> (UUID) row[0]).toList();
        Map<UUID, HelpRequest> byId = new HashMap<>();
        list("id in ?1", ids).forEach(r -> byId.put(r.id, r));
        return rows.stream().map(row -> new Listed(byId.get((UUID) row[0]),
                row[1] == null ? null : ((Number) row[1]).floatValue())).toList();
    }
}
