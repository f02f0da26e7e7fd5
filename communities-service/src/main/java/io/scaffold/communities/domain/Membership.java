package io.scaffold.communities.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A person's relation to a community: a member with a role, a request to join, or an invitation. */
@Entity
@Table(name = "membership")
@IdClass(MembershipId.class)
public class Membership {
    @Id
    @Column(name = "community_id")
    public UUID communityId;

    @Id
    @Column(name = "user_id")
    public String userId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Role role;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public MembershipStatus status;

    @Column(name = "invited_by")
    public String invitedBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public boolean isActive() {
        return status == MembershipStatus.ACTIVE;
    }
}
