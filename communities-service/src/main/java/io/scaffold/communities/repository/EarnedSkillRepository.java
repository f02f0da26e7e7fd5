package io.scaffold.communities.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.util.UUID;

/** Skills earned by accepted help, counted per member, community and skill. */
@ApplicationScoped
public class EarnedSkillRepository {
    private final EntityManager entityManager;

    public EarnedSkillRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public void credit(UUID communityId, String userId, String skill) {
        entityManager.createNativeQuery("""
                INSERT INTO earned_skill (community_id, user_id, skill, accepted_count, last_earned_at)
                VALUES (:community, :user, :skill, 1, now())
                ON CONFLICT (community_id, user_id, skill)
                DO UPDATE SET accepted_count = earned_skill.accepted_count + 1, last_earned_at = now()""")
                .setParameter("community", communityId)
                .setParameter("user", userId)
                .setParameter("skill", skill)
                .executeUpdate();
    }
}
