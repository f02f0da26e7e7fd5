package io.scaffold.notifications.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One item of one person's inbox. Written by the fan-out in batches (SQL); read and updated through JPA. */
@Entity
@Table(name = "notification")
public class Notification {
    /** From a sequence: orders the inbox and identifies the item on the live stream. */
    @Id
    public long id;

    @Column(name = "user_id", nullable = false)
    public String userId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public NotificationKind kind;

    @Column(nullable = false)
    public String title;

    @Column(nullable = false)
    public String body;

    /** API path of the subject, e.g. /api/requests/{id}. */
    @Column(nullable = false)
    public String link;

    @Column(name = "source_event_id", nullable = false)
    public String sourceEventId;

    @Column(name = "subject_id", nullable = false)
    public String subjectId;

    @Column(name = "community_id")
    public UUID communityId;

    public String urgency;

    /** How many events this item stands for (responses collapse while unread). */
    @Column(name = "event_count", nullable = false)
    public int eventCount;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public NotificationStatus status;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "read_at")
    public Instant readAt;

    /** W3C trace context of the event that wrote (or last collapsed into) this item; null when not traced. */
    @Column(name = "traceparent")
    public String traceparent;
}
