package io.scaffold.requests.repository;

import io.scaffold.platform.sql.ScalarResults;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The outcome figures of requests created in a period, computed by PostgreSQL over the period's rows. */
@ApplicationScoped
public class StatsRepository {
    private final EntityManager em;

    public StatsRepository(EntityManager em) {
        this.em = em;
    }

    /** Times are in seconds; null when there is nothing to measure. */
    public record Figures(long requests, long answered, Double medianFirstResponse, Double p90FirstResponse,
            Double medianResolution, long olderThanADay, long unansweredAfterADay, long withFeedback, long unblocked,
            long minutesSaved) {
    }

    public Figures figures(UUID communityId, Instant from, Instant to, Instant now) {
        String scope = " r.created_at >= :from AND r.created_at < :to"
                + (communityId == null ? "" : " AND r.community_id = :community");
        var query = em.createNativeQuery("""
                SELECT count(*),
                       count(r.first_response_at),
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM r.first_response_at - r.created_at))
                           FILTER (WHERE r.first_response_at IS NOT NULL),
                       percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM r.first_response_at - r.created_at))
                           FILTER (WHERE r.first_response_at IS NOT NULL),
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM r.resolved_at - r.created_at))
                           FILTER (WHERE r.resolved_at IS NOT NULL AND r.status = 'RESOLVED'),
                       count(*) FILTER (WHERE r.created_at <= CAST(:now AS timestamptz) - interval '24 hours'),
                       count(*) FILTER (WHERE r.created_at <= CAST(:now AS timestamptz) - interval '24 hours'
                           AND (r.first_response_at IS NULL OR r.first_response_at > r.created_at + interval '24 hours')),
                       count(f.request_id),
                       count(*) FILTER (WHERE f.unblocked),
                       coalesce(sum(f.minutes_saved), 0)
                FROM help_request r LEFT JOIN request_feedback f ON f.request_id = r.id
                WHERE """ + scope)
                .setParameter("from", Timestamp.from(from)).setParameter("to", Timestamp.from(to))
                .setParameter("now", Timestamp.from(now));
        if (communityId != null) {
            query.setParameter("community", communityId);
        }
        Object[] r = (Object[]) query.getSingleResult();
        return new Figures(count(r[0]), count(r[1]), seconds(r[2]), seconds(r[3]), seconds(r[4]), count(r[5]),
                count(r[6]), count(r[7]), count(r[8]), count(r[9]));
    }

    /** How many accepted answers each helper gave in the period. */
    public List<Long> acceptedPerHelper(UUID communityId, Instant from, Instant to) {
        var query = em.createNativeQuery("SELECT count(*) FROM help_request r WHERE r.accepted_helper_id IS NOT NULL"
                + " AND r.created_at >= :from AND r.created_at < :to"
                + (communityId == null ? "" : " AND r.community_id = :community")
                + " GROUP BY r.accepted_helper_id")
                .setParameter("from", Timestamp.from(from)).setParameter("to", Timestamp.from(to));
        if (communityId != null) {
            query.setParameter("community", communityId);
        }
        return ScalarResults.list(query, Long.class);
    }

    private static long count(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static Double seconds(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }
}
