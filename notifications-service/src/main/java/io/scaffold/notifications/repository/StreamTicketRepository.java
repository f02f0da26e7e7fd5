package io.scaffold.notifications.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Stream tickets, kept hashed: a database leak gives no usable ticket. Shared by all replicas. */
@ApplicationScoped
public class StreamTicketRepository {
    private final EntityManager em;

    public StreamTicketRepository(EntityManager em) {
        this.em = em;
    }

    public void issue(String hash, String userId, Instant expiresAt) {
        em.createNativeQuery("INSERT INTO stream_ticket (ticket_hash, user_id, expires_at) VALUES (:h, :u, :e)")
                .setParameter("h", hash).setParameter("u", userId).setParameter("e", Timestamp.from(expiresAt))
                .executeUpdate();
    }

    /** Uses the ticket up: whoever redeems it first gets its user; everyone after, nothing. */
    public Optional<String> redeem(String hash, Instant now) {
        List<String> users = em.createNativeQuery("DELETE FROM stream_ticket WHERE ticket_hash = :h"
                        + " RETURNING CASE WHEN expires_at > :now THEN user_id END", String.class)
                .setParameter("h", hash).setParameter("now", Timestamp.from(now)).getResultList();
        return users.stream().filter(java.util.Objects::nonNull).findFirst();
    }

    public int deleteExpired(Instant now) {
        return em.createNativeQuery("DELETE FROM stream_ticket WHERE expires_at <= :now")
                .setParameter("now", Timestamp.from(now)).executeUpdate();
    }
}
