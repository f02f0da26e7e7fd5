package io.scaffold.requests.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Problems solved without asking: who found which request or resource, when, searching for what. */
@ApplicationScoped
public class SolutionRepository {
    private final EntityManager em;

    public SolutionRepository(EntityManager em) {
        this.em = em;
    }

    public record Solution(UUID id, String userId, String kind, UUID targetId, UUID communityId, String title,
            String query, Instant solvedAt) {
    }

    /** What solved the most problems in a period: kind, id, title and count, most first. */
    public record TopItem(String kind, UUID id, String title, long solved) {
    }

    /** @return true when recorded now, false when this person had already said this item solved their problem */
    public boolean record(Solution solution) {
        return em.createNativeQuery("""
                        INSERT INTO self_service_solution (id, user_id, kind, target_id, community_id, title, query,
                            solved_at)
                        VALUES (:id, :user, :kind, :target, :community, :title, :query, :at)
                        ON CONFLICT (user_id, kind, target_id) DO NOTHING""")
                .setParameter("id", solution.id()).setParameter("user", solution.userId())
                .setParameter("kind", solution.kind()).setParameter("target", solution.targetId())
                .setParameter("community", solution.communityId()).setParameter("title", solution.title())
                .setParameter("query", solution.query()).setParameter("at", Timestamp.from(solution.solvedAt()))
                .executeUpdate() == 1;
    }

    public Optional<Solution> find(String userId, String kind, UUID targetId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT id, user_id, kind, target_id, community_id, title, query, solved_at
                        FROM self_service_solution WHERE user_id = :user AND kind = :kind AND target_id = :target""")
                .setParameter("user", userId).setParameter("kind", kind).setParameter("target", targetId)
                .getResultList();
        return rows.stream().findFirst().map(r -> new Solution((UUID) r[0], (String) r[1], (String) r[2],
                (UUID) r[3], (UUID) r[4], (String) r[5], (String) r[6], instant(r[7])));
    }

    public long count(UUID communityId, Instant from, Instant to) {
        var query = em.createNativeQuery("SELECT count(*) FROM self_service_solution s WHERE s.solved_at >= :from"
                        + " AND s.solved_at < :to" + (communityId == null ? "" : " AND s.community_id = :community"))
                .setParameter("from", Timestamp.from(from)).setParameter("to", Timestamp.from(to));
        if (communityId != null) {
            query.setParameter("community", communityId);
        }
        return ((Number) query.getSingleResult()).longValue();
    }

    public List<TopItem> top(UUID communityId, Instant from, Instant to, int limit) {
        var query = em.createNativeQuery("""
                        SELECT s.kind, s.target_id, max(s.title), count(*) AS solved FROM self_service_solution s
                        WHERE s.solved_at >= :from AND s.solved_at < :to %s
                        GROUP BY s.kind, s.target_id ORDER BY solved DESC, s.target_id LIMIT :limit"""
                        .formatted(communityId == null ? "" : "AND s.community_id = :community"))
                .setParameter("from", Timestamp.from(from)).setParameter("to", Timestamp.from(to))
                .setParameter("limit", limit);
        if (communityId != null) {
            query.setParameter("community", communityId);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(r -> new TopItem((String) r[0], (UUID) r[1], (String) r[2],
                ((Number) r[3]).longValue())).toList();
    }

    private static Instant instant(Object value) {
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        return value instanceof Instant i ? i : ((java.time.OffsetDateTime) value).toInstant();
    }
}
