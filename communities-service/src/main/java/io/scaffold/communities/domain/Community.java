package io.scaffold.communities.domain;

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

/** A community of practice. */
@Entity
@Table(name = "community")
public class Community {
    @Id
    public UUID id;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String description = "";

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Visibility visibility;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public List<String> tags = List.of();

    /**
     * Active members, changed only by an atomic UPDATE in the membership use cases (never written from the entity, so
     * a join does not change the community's version or race with an edit).
     */
    @Column(name = "member_count", nullable = false, insertable = true, updatable = false)
    public int memberCount;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "archived_at")
    public Instant archivedAt;

    /** Optimistic lock and ETag: bumped by every change of the community's own fields. */
    @Version
    public long version;

    public boolean isArchived() {
        return archivedAt != null;
    }
}
