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

/** An entry of a community's shared library: a link, document, contact, course or guide. */
@Entity
@Table(name = "shared_resource")
public class SharedResource {
    @Id
    public UUID id;

    @Column(name = "community_id", nullable = false)
    public UUID communityId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ResourceType type;

    @Column(nullable = false)
    public String title;

    @Column(nullable = false)
    public String description = "";

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public List<String> tags = List.of();

    public String url;

    @Column(name = "contact_user_id")
    public String contactUserId;

    /** The help request a GUIDE was published from; unique, so a guide is never created twice. */
    @Column(name = "source_request_id")
    public UUID sourceRequestId;

    @Column(name = "author_id", nullable = false)
    public String authorId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;
}
