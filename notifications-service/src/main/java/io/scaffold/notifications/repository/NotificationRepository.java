package io.scaffold.notifications.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.scaffold.notifications.domain.Draft;
import io.scaffold.notifications.domain.Notification;
import io.scaffold.notifications.domain.NotificationKind;
import io.scaffold.notifications.domain.NotificationStatus;
import io.scaffold.platform.sql.SqlArrays;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class NotificationRepository implements PanacheRepositoryBase<Notification, Long> {

    /**
     * Writes one item per recipient in a single statement. A response to a request whose requester still has an
     * unread item about it collapses into that item: its count grows and it moves to the top with a new id.
     */
    public int fanOut(Draft draft, String sourceEventId, Instant now) {
        String collapse = draft.kind() == NotificationKind.RESPONSE_POSTED ? """
                ON CONFLICT (user_id, kind, subject_id) WHERE status = 'UNREAD' AND kind = 'RESPONSE_POSTED'
                DO UPDATE SET id = nextval('notification_id_seq'), event_count = notification.event_count + 1,
                    title = excluded.title, body = excluded.body, source_event_id = excluded.source_event_id,
                    updated_at = excluded.updated_at""" : "";
        return getEntityManager().createNativeQuery("""
                INSERT INTO notification (id, user_id, kind, title, body, link, source_event_id, subject_id,
                                          community_id, urgency, event_count, status, created_at, updated_at)
                SELECT nextval('notification_id_seq'), u, :kind, :title, :body, :link, :event, :subject,
                       CAST(:community AS uuid), CAST(:urgency AS text), 1, 'UNREAD', :now, :now
                FROM unnest(CAST(:users AS text[])) AS u
                """ + collapse)
                .setParameter("kind", draft.kind().name()).setParameter("title", draft.title())
                .setParameter("body", draft.body()).setParameter("link", draft.link())
                .setParameter("event", sourceEventId).setParameter("subject", draft.subjectId())
                .setParameter("community", draft.communityId() == null ? null : draft.communityId().toString())
                .setParameter("urgency", draft.urgency()).setParameter("now", Timestamp.from(now))
                .setParameter("users", SqlArrays.text(draft.recipients())).executeUpdate();
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
        return find(query + " order by id desc", params).page(0, limit).list();
    }

    public long unread(String userId) {
        return count("userId = ?1 and status = ?2", userId, NotificationStatus.UNREAD);
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
