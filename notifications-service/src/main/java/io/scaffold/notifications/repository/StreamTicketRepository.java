package io.scaffold.notifications.repository;

import io.scaffold.platform.sql.ScalarResults;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Stream tickets, kept hashed: a database leak gives no usable ticket. Shared by all replicas. */
@ApplicationScoped
public class StreamTicketRepository {
    /** A ticket that may open a stream now: unused and unexpired, or used and resuming within its windows. */
    private static final String USABLE = """
            ticket_hash = :h AND (
                  (redeemed_at IS NULL AND expires_at > :now)
               OR (redeemed_at IS NOT NULL AND :resuming AND resume_until > :now AND issued_at > :issuedAfter))""";

    private final EntityManager em;

    public StreamTicketRepository(EntityManager em) {
        this.em = em;
    }

    public void issue(String hash, String userId, Instant expiresAt) {
        em.createNativeQuery("INSERT INTO stream_ticket (ticket_hash, user_id, expires_at) VALUES (:h, :u, :e)")
                .setParameter("h", hash).setParameter("u", userId).setParameter("e", Timestamp.from(expiresAt))
                .executeUpdate();
    }

    /**
     * The ticket's user, if it may open a stream now: an unused ticket before it expires (this first use turns it
     * into its stream's resume credential), or, when {@code resuming}, a used one within its resume window and
     * maximum age. The resume window then starts again from now.
     */
    public Optional<String> redeem(String hash, Instant now, boolean resuming, Instant resumeUntil,
            Instant issuedAfter) {
        List<String> users = ScalarResults.list(em.createNativeQuery("UPDATE stream_ticket"
                        + " SET redeemed_at = coalesce(redeemed_at, :now), resume_until = :until WHERE " + USABLE
                        + " RETURNING user_id")
                .setParameter("h", hash).setParameter("now", Timestamp.from(now))
                .setParameter("until", Timestamp.from(resumeUntil)).setParameter("resuming", resuming)
                .setParameter("issuedAfter", Timestamp.from(issuedAfter)), String.class);
        return users.stream().findFirst();
    }

    /** The ticket's user if {@link #redeem} would accept it now, without using it (what a HEAD request asks). */
    public Optional<String> holder(String hash, Instant now, boolean resuming, Instant issuedAfter) {
        List<String> users = ScalarResults.list(em.createNativeQuery("SELECT user_id FROM stream_ticket WHERE "
                        + USABLE)
                .setParameter("h", hash).setParameter("now", Timestamp.from(now)).setParameter("resuming", resuming)
                .setParameter("issuedAfter", Timestamp.from(issuedAfter)), String.class);
        return users.stream().findFirst();
    }

    /** Keeps the resume window of these tickets' open streams ahead (one statement for every stream of a replica). */
    public int extendResume(List<String> hashes, Instant resumeUntil) {
        if (hashes.isEmpty()) {
            return 0;
        }
        return em.createNativeQuery("UPDATE stream_ticket SET resume_until = greatest(resume_until, :until)"
                        + " WHERE ticket_hash = ANY(:h)")
                .setParameter("until", Timestamp.from(resumeUntil)).setParameter("h", hashes.toArray(String[]::new))
                .executeUpdate();
    }

    /** Unused tickets past their expiry, and used ones past their resume window. */
    public int deleteExpired(Instant now) {
        return em.createNativeQuery("DELETE FROM stream_ticket WHERE (redeemed_at IS NULL AND expires_at <= :now)"
                        + " OR (redeemed_at IS NOT NULL AND resume_until <= :now)")
                .setParameter("now", Timestamp.from(now)).executeUpdate();
    }

    /** Unused tickets of a person, to hold them to a limit. */
    public long unusedOf(String userId, Instant now) {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM stream_ticket WHERE user_id = :u"
                        + " AND redeemed_at IS NULL AND expires_at > :now")
                .setParameter("u", userId).setParameter("now", Timestamp.from(now)).getSingleResult()).longValue();
    }
}
