package io.scaffold.notifications.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.scaffold.notifications.domain.Draft;
import io.scaffold.notifications.domain.EmailDelivery;
import io.scaffold.notifications.domain.Notification;
import io.scaffold.notifications.domain.NotificationKind;
import io.scaffold.notifications.domain.NotificationStatus;
import io.scaffold.platform.sql.ScalarResults;
import io.scaffold.platform.sql.SqlArrays;
import io.scaffold.platform.tracing.TraceContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
public class NotificationRepository implements PanacheRepositoryBase<Notification, Long> {

    /** The advisory lock namespace of "a person's address and the items written for them" (see below). */
    public static final int ADDRESS_LOCK = 0x5caf0ad;

    /**
     * Takes, for this transaction, the lock that orders a person's address arriving against items being written for
     * them; a person event takes it before it records the address and queues the person's recent items.
     */
    public void lockAddressOf(String userId) {
        getEntityManager().createNativeQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(:ns, hashtext(:u))) AS held")
                .setParameter("ns", ADDRESS_LOCK).setParameter("u", userId).getSingleResult();
    }

    /**
     * After a fan-out: takes the same lock for the named recipients it found no address for (in user order, so
     * fan-outs never deadlock), then queues mail for those whose address arrived meanwhile. With both sides taking
     * the lock, whichever commits second sees the other's rows: an address that arrives while the items are being
     * written cannot miss them. Followers of a community are not covered (a fan-out may reach 100,000 of them);
     * their kinds go to the digest by default.
     */
    public void mailNamedRecipientsWhoseAddressArrived(List<String> recipients, Instant since, Instant now) {
        if (recipients.isEmpty()) {
            return;
        }
        List<String> unknown = ScalarResults.list(getEntityManager().createNativeQuery("""
                        SELECT u FROM unnest(CAST(:users AS text[])) AS u
                        WHERE NOT EXISTS (SELECT 1 FROM known_person p WHERE p.user_id = u AND p.email IS NOT NULL)
                        ORDER BY u""").setParameter("users", SqlArrays.text(recipients)), String.class);
        if (unknown.isEmpty()) {
            return;
        }
        for (String userId : unknown) {
            lockAddressOf(userId);
        }
        mailItemsAwaitingAddress(unknown, since, now);
    }

    /**
     * Queues for e-mail these people's unread items since {@code since} that they get by e-mail at once and that have
     * no message yet, if their address is now known: it arrived after the items were written (the fan-out queues
     * mail only for a known address). A person known without an address gets nothing here either.
     *
     * @return how many messages were queued
     */
    public int mailItemsAwaitingAddress(List<String> userIds, Instant since, Instant now) {
        List<String> immediateByDefault = Arrays.stream(NotificationKind.values())
                .filter(k -> k.defaultEmail() == EmailDelivery.IMMEDIATE)
                .map(Enum::name).toList();
        List<String> critical = Arrays.stream(NotificationKind.values()).filter(NotificationKind::critical)
                .map(Enum::name).toList();
        return getEntityManager().createNativeQuery("""
                        INSERT INTO email_message (user_id, kind, notification_id, urgent, status, next_attempt_at,
                                                   created_at)
                        SELECT n.user_id, 'IMMEDIATE', n.id,
                               -- urgent as the fan-out decides it, for a critical kind or a BLOCKING request
                               n.kind = ANY (CAST(:critical AS text[])) OR n.urgency = 'BLOCKING', 'PENDING', :now, :now
                        FROM notification n
                        JOIN known_person p ON p.user_id = n.user_id AND p.email IS NOT NULL
                        LEFT JOIN kind_preference k ON k.user_id = n.user_id AND k.kind = n.kind
                        WHERE n.user_id = ANY (CAST(:users AS text[])) AND n.status = 'UNREAD' AND n.created_at > :since
                          AND coalesce(k.email, CASE WHEN n.kind = ANY (CAST(:immediate AS text[])) THEN 'IMMEDIATE'
                                                END) = 'IMMEDIATE'
                          AND NOT EXISTS (SELECT 1 FROM email_message m WHERE m.notification_id = n.id)
                        ORDER BY n.id""")
                .setParameter("critical", SqlArrays.text(critical))
                .setParameter("immediate", SqlArrays.text(immediateByDefault))
                .setParameter("users", SqlArrays.text(userIds)).setParameter("since", Timestamp.from(since))
                .setParameter("now", Timestamp.from(now)).executeUpdate();
    }

    /**
     * Writes one item per recipient in a single statement: the named people and the draft's followers (resolved
     * here, never loaded into the service), less those who turned the kind off or muted the community (unless the
     * kind is critical). Counts the new unread items and tells every replica's live stream (delivered at commit).
     * A response to a request whose requester still has an unread item about it collapses into that item: its count
     * grows and it moves to the top with a new id. Each item is queued for e-mail as its recipient chose for the
     * kind, if their address is known: a message of its own (IMMEDIATE) or a place in their next digest (DIGEST).
     * Who turned the kind off in the app but wants it by e-mail at once gets the mail without the item.
     *
     * @return how many items were written or collapsed
     */
    public int fanOut(Draft draft, String sourceEventId, Instant now) {
        Draft.Followers followers = draft.followers();
        String audience = "SELECT u AS user_id FROM unnest(CAST(:users AS text[])) AS u" + (followers == null ? ""
                : """

                        UNION
                        SELECT s.user_id FROM community_setting s
                        JOIN community_member m ON m.community_id = s.community_id AND m.user_id = s.user_id
                        WHERE s.community_id = CAST(:followed AS uuid) AND s.setting = :setting
                          AND s.user_id <> ALL(CAST(:except AS text[]))""");
        String collapse = draft.kind() == NotificationKind.RESPONSE_POSTED ? """
                ON CONFLICT (user_id, kind, subject_id) WHERE status = 'UNREAD' AND kind = 'RESPONSE_POSTED'
                DO UPDATE SET id = nextval('notification_id_seq'), event_count = notification.event_count + 1,
                    title = excluded.title, body = excluded.body, source_event_id = excluded.source_event_id,
                    traceparent = excluded.traceparent, updated_at = excluded.updated_at""" : "";
        // Counters are upserted in user order, so two fan-outs to overlapping audiences cannot deadlock.
        var query = getEntityManager().createNativeQuery("WITH audience AS (" + audience + """
                ), written AS (
                    INSERT INTO notification (id, user_id, kind, title, body, link, source_event_id, subject_id,
                                              community_id, urgency, event_count, status, created_at, updated_at,
                                              traceparent)
                    SELECT nextval('notification_id_seq'), a.user_id, :kind, :title, :body, :link, :event, :subject,
                           CAST(:community AS uuid), CAST(:urgency AS text), 1, 'UNREAD', :now, :now,
                           CAST(:traceparent AS text)
                    FROM audience a
                    WHERE\s""" + (draft.kind().critical() ? "true" : PreferenceRepository.wantsInApp("a.user_id"))
                + "\n" + collapse + """

                    RETURNING id, user_id, (xmax = 0) AS inserted
                ), counted AS (
                    INSERT INTO unread_counter AS c (user_id, unread)
                    SELECT user_id, 1 FROM written WHERE inserted ORDER BY user_id
                    ON CONFLICT (user_id) DO UPDATE SET unread = c.unread + 1
                ), by_email AS (
                    SELECT w.id, w.user_id, coalesce(k.email, :defaultEmail) AS email FROM written w
                    JOIN known_person p ON p.user_id = w.user_id AND p.email IS NOT NULL
                    LEFT JOIN kind_preference k ON k.user_id = w.user_id AND k.kind = :kind
                ), mailed AS (
                    INSERT INTO email_message (user_id, kind, notification_id, urgent, status, next_attempt_at,
                                               created_at)
                    SELECT user_id, 'IMMEDIATE', id, :urgent, 'PENDING', :now, :now FROM by_email
                    WHERE email = 'IMMEDIATE'
                ), digested AS (
                    INSERT INTO digest_pending (user_id, since)
                    SELECT user_id, :now FROM by_email WHERE email = 'DIGEST' ORDER BY user_id
                    ON CONFLICT (user_id) DO NOTHING
                ), mail_only AS (
                    INSERT INTO email_message (user_id, kind, urgent, item_kind, item_title, item_body, item_link,
                                               item_community_id, status, next_attempt_at, created_at)
                    SELECT a.user_id, 'IMMEDIATE', :urgent, :kind, :title, :body, :link, CAST(:community AS uuid),
                           'PENDING', :now, :now
                    FROM audience a
                    JOIN known_person p ON p.user_id = a.user_id AND p.email IS NOT NULL
                    JOIN kind_preference k ON k.user_id = a.user_id AND k.kind = :kind AND NOT k.in_app
                                          AND k.email = 'IMMEDIATE'
                    WHERE\s""" + PreferenceRepository.notMuted("a.user_id") + """
                )
                SELECT min(id), max(id), count(*) FROM written""")
                .setParameter("kind", draft.kind().name()).setParameter("title", draft.title())
                .setParameter("body", draft.body()).setParameter("link", draft.link())
                .setParameter("event", sourceEventId).setParameter("subject", draft.subjectId())
                .setParameter("community", draft.communityId() == null ? null : draft.communityId().toString())
                .setParameter("urgency", draft.urgency()).setParameter("now", Timestamp.from(now))
                .setParameter("traceparent", TraceContext.current().traceparent())
                .setParameter("defaultEmail", draft.kind().defaultEmail().name())
                .setParameter("urgent", draft.kind().critical() || "BLOCKING".equals(draft.urgency()))
                .setParameter("users", SqlArrays.text(draft.recipients()));
        if (followers != null) {
            query.setParameter("followed", followers.communityId().toString())
                    .setParameter("setting", followers.setting().name())
                    .setParameter("except", SqlArrays.text(List.copyOf(followers.except())));
        }
        Object[] written = (Object[]) query.getSingleResult();
        int count = ((Number) written[2]).intValue();
        if (count > 0) {
            signal(InboxSignal.written(((Number) written[0]).longValue(), ((Number) written[1]).longValue()));
        }
        return count;
    }

    /** Wakes the live streams of every replica when the transaction commits (PostgreSQL NOTIFY). */
    public void signal(InboxSignal signal) {
        getEntityManager().createNativeQuery("SELECT pg_notify(:channel, :payload)")
                .setParameter("channel", InboxSignal.CHANNEL).setParameter("payload", signal.payload())
                .getSingleResult();
    }

    public long unread(String userId) {
        List<?> rows = getEntityManager().createNativeQuery("SELECT unread FROM unread_counter WHERE user_id = :u")
                .setParameter("u", userId).getResultList();
        return rows.isEmpty() ? 0 : ((Number) rows.get(0)).longValue();
    }

    /** The id of the person's newest item (0 without any): where a new live stream starts. */
    public long latestId(String userId) {
        Object latest = getEntityManager().createNativeQuery("SELECT max(id) FROM notification WHERE user_id = :u")
                .setParameter("u", userId).getSingleResult();
        return latest == null ? 0 : ((Number) latest).longValue();
    }

    /** {@code read} items of the person left the unread state. */
    public void countRead(String userId, int read) {
        if (read > 0) {
            getEntityManager().createNativeQuery("UPDATE unread_counter SET unread = greatest(unread - :n, 0)"
                    + " WHERE user_id = :u").setParameter("n", read).setParameter("u", userId).executeUpdate();
            signal(InboxSignal.countChanged(userId));
        }
    }

    /** The person's items newer than {@code afterId}, oldest first: what a reconnecting stream missed. */
    public List<Notification> since(String userId, long afterId, int limit) {
        // NULLS FIRST: the order the inbox index gives walked backwards (never the primary key's, see V7).
        return find("userId = ?1 and id > ?2 and status <> ?3 order by id asc nulls first", userId, afterId,
                NotificationStatus.ARCHIVED).page(0, limit).list();
    }

    /**
     * Items one commit wrote ({@code from..to}) for the people connected here. A commit's range is mostly a few ids
     * while thousands of people may be connected, or the reverse after a large fan-out: the smaller side drives the
     * read and the other filters it. Never an {@code IN} list of every connected person, whose thousands of bind
     * parameters cost more than the read itself.
     */
    public List<Notification> written(long from, long to, Set<String> users) {
        if (to - from + 1 <= users.size()) {
            return find("id between ?1 and ?2 and status = ?3 order by id", from, to, NotificationStatus.UNREAD)
                    .stream().filter(n -> users.contains(n.userId)).toList();
        }
        return getEntityManager().createNativeQuery("SELECT * FROM notification WHERE id BETWEEN :from AND :to"
                        + " AND user_id = ANY(CAST(:users AS text[])) AND status = 'UNREAD' ORDER BY id",
                        Notification.class)
                .setParameter("from", from).setParameter("to", to)
                .setParameter("users", SqlArrays.text(List.copyOf(users))).getResultList();
    }

    /** The unread counts of these people (absent: none unread). */
    public java.util.Map<String, Long> unread(List<String> users) {
        java.util.Map<String, Long> counts = new java.util.HashMap<>();
        List<Object[]> rows = getEntityManager().createNativeQuery("SELECT user_id, unread FROM unread_counter"
                        + " WHERE user_id = ANY(CAST(:users AS text[]))", Object[].class)
                .setParameter("users", SqlArrays.text(users)).getResultList();
        rows.forEach(row -> counts.put((String) row[0], ((Number) row[1]).longValue()));
        return counts;
    }

    /** The caller's items, newest first ({@code beforeId}: the last id of the previous page). */
    public List<Notification> page(String userId, NotificationStatus status, NotificationKind kind,
            UUID communityId, Long beforeId, int limit) {
        StringBuilder query = new StringBuilder("userId = :user");
        var params = new java.util.HashMap<String, Object>();
        params.put("user", userId);
        if (status != null) {
            query.append(" and status = :status");
            params.put("status", status);
        }
        if (kind != null) {
            query.append(" and kind = :kind");
            params.put("kind", kind);
        }
        if (communityId != null) {
            query.append(" and communityId = :community");
            params.put("community", communityId);
        }
        if (beforeId != null) {
            query.append(" and id < :before");
            params.put("before", beforeId);
        }
        // NULLS LAST: the order only the inbox index gives (see V7), so it is the plan whoever the person is.
        return find(query + " order by id desc nulls last", params).page(0, limit).list();
    }

    /** Marks the caller's unread items read, all of them or those up to an id; returns how many. */
    public int markAllRead(String userId, Long upToId, Instant now) {
        return upToId == null
                ? update("status = ?1, readAt = ?2, updatedAt = ?2 where userId = ?3 and status = ?4",
                        NotificationStatus.READ, now, userId, NotificationStatus.UNREAD)
                : update("status = ?1, readAt = ?2, updatedAt = ?2 where userId = ?3 and status = ?4 and id <= ?5",
                        NotificationStatus.READ, now, userId, NotificationStatus.UNREAD, upToId);
    }
}
