package io.scaffold.requests.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A person stuck in their work asking for help. */
@Entity
@Table(name = "help_request")
public class HelpRequest {
    @Id
    public UUID id;

    @Column(nullable = false)
    public String title;

    @Column(nullable = false)
    public String body;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public List<String> tags = List.of();

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Urgency urgency;

    @Column(name = "community_id")
    public UUID communityId;

    /** The community's name when the request was made, so an anonymous requester reads "a member of <name>". */
    @Column(name = "community_name")
    public String communityName;

    @Column(name = "requester_id", nullable = false)
    public String requesterId;

    @Column(nullable = false)
    public boolean anonymous;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public RequestStatus status;

    @Column(name = "response_count", nullable = false)
    public int responseCount;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "first_response_at")
    public Instant firstResponseAt;

    @Column(name = "resolved_at")
    public Instant resolvedAt;

    @Column(name = "cancelled_at")
    public Instant cancelledAt;

    @Column(name = "accepted_response_id")
    public UUID acceptedResponseId;

    @Column(name = "accepted_helper_id")
    public String acceptedHelperId;

    /** The highest rung of the escalation ladder reached (0: only the helpers invited at creation). */
    @Column(name = "escalation_level", nullable = false)
    public int escalationLevel;

    /** When the next rung is due; null once someone responded, the request closed or the ladder ended. */
    @Column(name = "next_escalation_at")
    public Instant nextEscalationAt;

    @Column(name = "published_at")
    public Instant publishedAt;

    /** Optimistic lock and ETag. */
    @Version
    public long version;

    public boolean isOpen() {
        return status == RequestStatus.OPEN;
    }

    public boolean isRequester(String userId) {
        return requesterId.equals(userId);
    }
}
