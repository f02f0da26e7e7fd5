package io.scaffold.requests.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The Idempotency-Key a caller sent with a creating POST, the hash of the body and what it created. */
@ApplicationScoped
public class IdempotencyKeys {
    private final EntityManager em;

    public IdempotencyKeys(EntityManager em) {
        this.em = em;
    }

    public record Used(String bodyHash, UUID requestId) {
    }

    /**
     * Claims the key for this caller. When another transaction holds it, waits for that one to finish (the primary
     * key's lock) and reports what it created, so a retry racing the original sees one result.
     */
    public Optional<Used> claim(String userId, String key, String bodyHash, UUID requestId) {
        int inserted = em.createNativeQuery("""
                INSERT INTO idempotency_key (user_id, key, body_hash, request_id, created_at)
                VALUES (:u, :k, :h, :r, :at) ON CONFLICT (user_id, key) DO NOTHING""")
                .setParameter("u", userId).setParameter("k", key).setParameter("h", bodyHash)
                .setParameter("r", requestId).setParameter("at", Timestamp.from(Instant.now())).executeUpdate();
        if (inserted == 1) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT body_hash, request_id FROM idempotency_key"
                        + " WHERE user_id = :u AND key = :k")
                .setParameter("u", userId).setParameter("k", key).getResultList();
        return rows.stream().map(r -> new Used((String) r[0], (UUID) r[1])).findFirst();
    }

    /** Keys older than the retention are forgotten. */
    public int deleteOlderThan(Instant cutoff) {
        return em.createNativeQuery("DELETE FROM idempotency_key WHERE created_at < :cutoff")
                .setParameter("cutoff", Timestamp.from(cutoff)).executeUpdate();
    }
}
