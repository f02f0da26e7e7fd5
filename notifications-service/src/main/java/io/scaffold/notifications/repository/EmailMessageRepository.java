package io.scaffold.notifications.repository;

import io.scaffold.platform.sql.SqlArrays;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.scaffold.notifications.repository.WebhookEndpointRepository.instant;
import static io.scaffold.notifications.repository.WebhookEndpointRepository.timestamp;

/** Outgoing mail and its attempt state: the queue the sender takes from, shared by every replica. */
@ApplicationScoped
public class EmailMessageRepository {
    private final EntityManager em;

    public EmailMessageRepository(EntityManager em) {
        this.em = em;
    }

    /** A message taken for an attempt; {@code subject} null: an immediate one not rendered yet. */
    public record Claimed(long id, String userId, String kind, Long notificationId, boolean urgent, String recipient,
            String subject, String textBody, String htmlBody, String unsubscribeUrl, int attempts,
            Instant createdAt) {
        public Claimed rendered(String recipient, String subject, String text, String html, String unsubscribe) {
            return new Claimed(id, userId, kind, notificationId, urgent, recipient, subject, text, html, unsubscribe,
                    attempts, createdAt);
        }
    }

    /** The item an immediate message tells of, as it is now. */
    public record Item(long id, String userId, String kind, String title, String body, String link, String status,
            String communityName, Instant createdAt) {
    }

    /**
     * Takes up to {@code limit} due messages: each moves one lease ahead, so no other replica takes it meanwhile, and
     * one that dies mid-attempt leaves it to be taken again. The locked pick is a materialized CTE: as an
     * {@code IN (subquery)} the planner may run it again for every row it compares (seconds on 10,000 rows).
     */
    public List<Claimed> claim(int limit, Instant now, Duration lease) {
        List<Object[]> rows = em.createNativeQuery("""
                        WITH due AS MATERIALIZED (
                            SELECT id FROM email_message WHERE status = 'PENDING' AND next_attempt_at <= :now
                            ORDER BY next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED)
                        UPDATE email_message m SET next_attempt_at = :leased, attempts = m.attempts + 1
                        FROM due WHERE m.id = due.id
                        RETURNING m.id, m.user_id, m.kind, m.notification_id, m.urgent, m.recipient, m.subject,
                                  m.text_body, m.html_body, m.unsubscribe_url, m.attempts, m.created_at""",
                        Object[].class)
                .setParameter("leased", timestamp(now.plus(lease))).setParameter("now", timestamp(now))
                .setParameter("limit", limit).getResultList();
        return rows.stream().map(r -> new Claimed(((Number) r[0]).longValue(), (String) r[1], (String) r[2],
                r[3] == null ? null : ((Number) r[3]).longValue(), (Boolean) r[4], (String) r[5], (String) r[6],
                (String) r[7], (String) r[8], (String) r[9], ((Number) r[10]).intValue(), instant(r[11]))).toList();
    }

    public Item item(long notificationId) {
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT n.id, n.user_id, n.kind, n.title, n.body, n.link, n.status, c.name, n.created_at
                        FROM notification n LEFT JOIN community_view c ON c.id = n.community_id
                        WHERE n.id = :id""", Object[].class).setParameter("id", notificationId).getResultList();
        return rows.stream().map(EmailMessageRepository::item).findFirst().orElse(null);
    }

    /** What a mail-only message tells of (its kind is off in the app: no item exists), from its own copy. */
    public Item mailOnlyItem(long messageId) {
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT m.id, m.user_id, m.item_kind, m.item_title, m.item_body, m.item_link, 'UNREAD', c.name,
                               m.created_at
                        FROM email_message m LEFT JOIN community_view c ON c.id = m.item_community_id
                        WHERE m.id = :id AND m.item_title IS NOT NULL""", Object[].class)
                .setParameter("id", messageId).getResultList();
        return rows.stream().map(EmailMessageRepository::item).findFirst().orElse(null);
    }

    static Item item(Object[] r) {
        return new Item(((Number) r[0]).longValue(), (String) r[1], (String) r[2], (String) r[3], (String) r[4],
                (String) r[5], (String) r[6], (String) r[7], instant(r[8]));
    }

    /** Keeps what was rendered, so every retry sends the very same message. */
    public void rendered(Claimed message) {
        em.createNativeQuery("UPDATE email_message SET recipient = :to, subject = :subject, text_body = :text,"
                        + " html_body = :html, unsubscribe_url = :unsubscribe WHERE id = :id")
                .setParameter("to", message.recipient()).setParameter("subject", message.subject())
                .setParameter("text", message.textBody()).setParameter("html", message.htmlBody())
                .setParameter("unsubscribe", message.unsubscribeUrl()).setParameter("id", message.id())
                .executeUpdate();
    }

    /** Sent: the items it told of are never mailed again. */
    public void sent(List<Long> ids, Instant now) {
        if (ids.isEmpty()) {
            return;
        }
        String array = SqlArrays.text(ids.stream().map(String::valueOf).toList());
        em.createNativeQuery("UPDATE email_message SET status = 'SENT', sent_at = :now, last_error = NULL"
                        + " WHERE id = ANY(CAST(:ids AS bigint[]))")
                .setParameter("now", timestamp(now)).setParameter("ids", array).executeUpdate();
        em.createNativeQuery("UPDATE notification SET mailed_at = :now WHERE id IN (SELECT notification_id FROM"
                        + " email_message WHERE id = ANY(CAST(:ids AS bigint[])) AND notification_id IS NOT NULL)")
                .setParameter("now", timestamp(now)).setParameter("ids", array).executeUpdate();
    }

    /** Not sent, on purpose (read meanwhile, turned off, no address): the reason stays in the log. */
    public void skipped(long id, String reason) {
        em.createNativeQuery("UPDATE email_message SET status = 'SKIPPED', last_error = :reason WHERE id = :id")
                .setParameter("reason", reason).setParameter("id", id).executeUpdate();
    }

    /** Held (quiet hours) until {@code until}; a hold is not an attempt. */
    public void held(long id, Instant until) {
        em.createNativeQuery("UPDATE email_message SET next_attempt_at = :until, attempts = attempts - 1"
                + " WHERE id = :id").setParameter("until", timestamp(until)).setParameter("id", id).executeUpdate();
    }

    public void retry(long id, Instant next, String error) {
        em.createNativeQuery("UPDATE email_message SET next_attempt_at = :next, last_error = :error WHERE id = :id")
                .setParameter("next", timestamp(next)).setParameter("error", clip(error))
                .setParameter("id", id).executeUpdate();
    }

    public void failed(long id, String error) {
        em.createNativeQuery("UPDATE email_message SET status = 'FAILED', last_error = :error WHERE id = :id")
                .setParameter("error", clip(error)).setParameter("id", id).executeUpdate();
    }

    /** A digest, rendered, due now. */
    public void enqueueDigest(String userId, String recipient, String subject, String text, String html,
            String unsubscribeUrl, Instant now) {
        em.createNativeQuery("""
                        INSERT INTO email_message (user_id, kind, recipient, subject, text_body, html_body,
                                                   unsubscribe_url, status, next_attempt_at, created_at)
                        VALUES (:user, 'DIGEST', :to, :subject, :text, :html, :unsubscribe, 'PENDING', :now, :now)""")
                .setParameter("user", userId).setParameter("to", recipient).setParameter("subject", subject)
                .setParameter("text", text).setParameter("html", html).setParameter("unsubscribe", unsubscribeUrl)
                .setParameter("now", timestamp(now)).executeUpdate();
    }

    /** The mail log past retention; messages still waiting are kept. */
    public int deleteFinishedBefore(Instant cutoff) {
        return em.createNativeQuery("DELETE FROM email_message WHERE created_at < :cutoff AND status <> 'PENDING'")
                .setParameter("cutoff", timestamp(cutoff)).executeUpdate();
    }

    private static String clip(String error) {
        return error == null || error.length() <= 1000 ? error : error.substring(0, 1000);
    }
}
