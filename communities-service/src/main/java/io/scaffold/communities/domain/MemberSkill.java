package io.scaffold.communities.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** A skill a member declared within a community, with the level they claim. */
@Entity
@Table(name = "member_skill")
@IdClass(MemberSkill.Key.class)
public class MemberSkill {
    @Id
    @Column(name = "community_id")
    public UUID communityId;

    @Id
    @Column(name = "user_id")
    public String userId;

    @Id
    public String skill;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public SkillLevel level;

    @Column(name = "declared_at", nullable = false)
    public Instant declaredAt;

    public record Key(UUID communityId, String userId, String skill) implements Serializable {
        public Key() {
            this(null, null, null);
        }
    }
}
