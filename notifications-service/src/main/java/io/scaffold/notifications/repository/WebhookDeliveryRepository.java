package io.scaffold.notifications.repository;

import io.scaffold.notifications.domain.WebhookDelivery;
import io.scaffold.platform.sql.SqlArrays;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static io.scaffold.notifications.repository.WebhookEndpointRepository.instant;
import static io.scaffold.notifications.repository.WebhookEndpointRepository.timestamp;

/** Deliveries of events to webhook endpoints: the queue the dispatcher claims from, and each endpoint's log. */
@ApplicationScoped
public class WebhookDeliveryRepository {
    private static final String COLUMNS = "id, endpoint_id, event_id, event_type, payload, status, attempts,"
            + " window_start, next_attempt_at, last_attempt_at, last_status_code, last_latency_ms, last_error,"
            + " created_at, delivered_at";

    private final EntityManager em;

    public WebhookDeliveryRepository(EntityManager em) {
        this.em = em;
    }

    /** One delivery of this event per endpoint, due now; an event seen again adds nothing. */
    public int enqueue(List<UUID> endpointIds, String eventId, String eventType, String payload, Instant now) {
        return em.createNativeQuery("""
                        INSERT INTO webhook_delivery (id, endpoint_id, event_id, event_type, payload, status,
                            window_start, next_attempt_at, created_at)
                        SELECT gen_random_uuid(), e, :eventId, :type, :payload, 'PENDING', :now, :now, :now
                        FROM unnest(CAST(:endpoints AS uuid[])) e
                        ON CONFLICT (endpoint_id, event_id) DO NOTHING""")
                .setParameter("eventId", eventId).setParameter("type", eventType).setParameter("payload", payload)
                .setParameter("now", timestamp(now))
                .setParameter("endpoints", SqlArrays.text(endpointIds.stream().map(UUID::toString).toList()))
                .executeUpdate();
    }

    /** A delivery taken for an attempt. */
    public record Claimed(UUID id, UUID endpointId, String eventId, String payload, int attempts,
            Instant windowStart) {
    }

    /**
     * Takes due deliveries, oldest due first, at most {@code perEndpoint} of any one endpoint and none of
     * {@code busy} (a turned-off endpoint's deliveries are not due: {@link #hold}): each is leased until
     * {@code now + lease} (another replica, or this one after a crash, tries it again only then).
     */
    public List<Claimed> claim(int limit, int perEndpoint, List<UUID> busy, Duration lease, Instant now) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        WITH due AS (
                            SELECT w.id, w.endpoint_id, w.next_attempt_at FROM webhook_delivery w
                            WHERE w.status = 'PENDING' AND w.next_attempt_at <= :now
                              AND w.endpoint_id <> ALL (CAST(:busy AS uuid[]))
                            ORDER BY w.next_attempt_at LIMIT :scan),
                        ranked AS (
                            SELECT id, next_attempt_at,
                                   row_number() OVER (PARTITION BY endpoint_id ORDER BY next_attempt_at) AS place
                            FROM due),
                        picked AS (
                            SELECT w.id FROM webhook_delivery w
                            WHERE w.id IN (SELECT id FROM ranked WHERE place <= :perEndpoint
                                           ORDER BY next_attempt_at LIMIT :limit)
                              AND w.status = 'PENDING' AND w.next_attempt_at <= :now
                              AND EXISTS (SELECT 1 FROM webhook_endpoint e WHERE e.id = w.endpoint_id AND e.enabled)
                            FOR UPDATE OF w SKIP LOCKED)
                        UPDATE webhook_delivery d SET next_attempt_at = :leaseEnd
                        FROM picked WHERE d.id = picked.id
                        RETURNING d.id, d.endpoint_id, d.event_id, d.payload, d.attempts, d.window_start""")
                .setParameter("leaseEnd", timestamp(now.plus(lease))).setParameter("now", timestamp(now))
                .setParameter("busy", SqlArrays.text(busy.stream().map(UUID::toString).toList()))
                .setParameter("perEndpoint", perEndpoint).setParameter("limit", limit)
                // the window ranks a bounded head of the queue: each claim costs the same whatever the backlog
                .setParameter("scan", 4 * Math.max(limit, perEndpoint)).getResultList();
        return rows.stream().map(r -> new Claimed((UUID) r[0], (UUID) r[1], (String) r[2], (String) r[3],
                ((Number) r[4]).intValue(), instant(r[5]))).toList();
    }

    /** An endpoint turned off: its pending deliveries wait, not due, until {@link #resume}. */
    public void hold(UUID endpointId) {
        em.createNativeQuery("UPDATE webhook_delivery SET next_attempt_at = NULL WHERE endpoint_id = :id"
                + " AND status = 'PENDING'").setParameter("id", endpointId).executeUpdate();
    }

    /** An endpoint turned on again: what waited is due now (its retry windows ran meanwhile). */
    public void resume(UUID endpointId, Instant now) {
        em.createNativeQuery("UPDATE webhook_delivery SET next_attempt_at = :now WHERE endpoint_id = :id"
                        + " AND status = 'PENDING' AND next_attempt_at IS NULL")
                .setParameter("id", endpointId).setParameter("now", timestamp(now)).executeUpdate();
    }

    /**
     * Deletes up to {@code limit} deliveries created before {@code cutoff} that are done (delivered, failed) or held
     * for a turned-off endpoint; how many.
     */
    public int deleteOlderThan(Instant cutoff, int limit) {
        return em.createNativeQuery("""
                        DELETE FROM webhook_delivery WHERE id IN (
                            SELECT id FROM webhook_delivery
                            WHERE created_at < :cutoff AND (status <> 'PENDING' OR next_attempt_at IS NULL)
                            LIMIT :limit)""")
                .setParameter("cutoff", timestamp(cutoff)).setParameter("limit", limit).executeUpdate();
    }

    /** Claimed deliveries put back, due now, without counting an attempt (their endpoint had no free slot). */
    public void release(List<UUID> ids, Instant now) {
        em.createNativeQuery("UPDATE webhook_delivery SET next_attempt_at = :now WHERE id = ANY (CAST(:ids AS uuid[]))"
                        + " AND status = 'PENDING'")
                .setParameter("now", timestamp(now))
                .setParameter("ids", SqlArrays.text(ids.stream().map(UUID::toString).toList())).executeUpdate();
    }

    /**
     * Records an attempt: delivered, due again at {@code nextAttemptAt}, or failed for good (both null and
     * {@code delivered} false). Only while still pending (a replay or a deletion in between wins).
     */
    public boolean recordAttempt(UUID id, WebhookDelivery.Status status, Instant at, Instant nextAttemptAt,
            Integer statusCode, Integer latencyMs, String error) {
        return em.createNativeQuery("""
                        UPDATE webhook_delivery SET status = :status, attempts = attempts + 1,
                            next_attempt_at = CAST(CAST(:next AS text) AS timestamptz), last_attempt_at = :at,
                            last_status_code = CAST(CAST(:code AS text) AS integer),
                            last_latency_ms = CAST(CAST(:latency AS text) AS integer), last_error = :error,
                            delivered_at = CASE WHEN :status = 'DELIVERED' THEN CAST(:at AS timestamptz) END
                        WHERE id = :id AND status = 'PENDING'""")
                .setParameter("id", id).setParameter("status", status.name()).setParameter("at", timestamp(at))
                // nullable values travel as text: a null of no known type would bind as bytea
                .setParameter("next", nextAttemptAt == null ? null : nextAttemptAt.toString())
                .setParameter("code", statusCode == null ? null : statusCode.toString())
                .setParameter("latency", latencyMs == null ? null : latencyMs.toString())
                .setParameter("error", error).executeUpdate() == 1;
    }

    public Optional<WebhookDelivery> find(UUID endpointId, UUID id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT " + COLUMNS + " FROM webhook_delivery"
                        + " WHERE id = :id AND endpoint_id = :endpoint")
                .setParameter("id", id).setParameter("endpoint", endpointId).getResultList();
        return rows.stream().findFirst().map(WebhookDeliveryRepository::delivery);
    }

    /** Newest first, after the (created_at, id) of the previous page's last item when given. */
    public List<WebhookDelivery> page(UUID endpointId, WebhookDelivery.Status status, Instant afterCreatedAt,
            UUID afterId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM webhook_delivery"
                + " WHERE endpoint_id = :endpoint");
        if (status != null) {
            sql.append(" AND status = :status");
        }
        if (afterId != null) {
            sql.append(" AND (created_at, id) < (:afterCreatedAt, :afterId)");
        }
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT :limit");
        var query = em.createNativeQuery(sql.toString()).setParameter("endpoint", endpointId)
                .setParameter("limit", limit);
        if (status != null) {
            query.setParameter("status", status.name());
        }
        if (afterId != null) {
            query.setParameter("afterCreatedAt", timestamp(afterCreatedAt)).setParameter("afterId", afterId);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(WebhookDeliveryRepository::delivery).toList();
    }

    /** Due again now, with a new retry window; the attempts so far stay counted. */
    public boolean replay(UUID endpointId, UUID id, Instant now) {
        return em.createNativeQuery("""
                        UPDATE webhook_delivery SET status = 'PENDING', next_attempt_at = :now, window_start = :now,
                            delivered_at = NULL
                        WHERE id = :id AND endpoint_id = :endpoint""")
                .setParameter("id", id).setParameter("endpoint", endpointId).setParameter("now", timestamp(now))
                .executeUpdate() == 1;
    }

    private static WebhookDelivery delivery(Object[] r) {
        return new WebhookDelivery((UUID) r[0], (UUID) r[1], (String) r[2], (String) r[3], (String) r[4],
                WebhookDelivery.Status.valueOf((String) r[5]), ((Number) r[6]).intValue(), instant(r[7]),
                instant(r[8]), instant(r[9]), r[10] == null ? null : ((Number) r[10]).intValue(),
                r[11] == null ? null : ((Number) r[11]).intValue(), (String) r[12], instant(r[13]), instant(r[14]));
    }
}
