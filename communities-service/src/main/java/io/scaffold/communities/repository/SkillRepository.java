package io.scaffold.communities.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.scaffold.communities.domain.MemberSkill;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
public class SkillRepository implements PanacheRepositoryBase<MemberSkill, MemberSkill.Key> {

    /** A member ranked for a skill: declared level (may be null), help accepted on it, and when they last earned it. */
    public record Expert(String userId, String level, int acceptedHelp, Instant lastEarnedAt) {
    }

    public List<MemberSkill> ofMember(UUID communityId, String userId) {
        return list("communityId = ?1 and userId = ?2 order by skill", communityId, userId);
    }

    public Map<String, List<MemberSkill>> ofMembers(UUID communityId, Collection<String> userIds) {
        Map<String, List<MemberSkill>> skills = new HashMap<>();
        if (!userIds.isEmpty()) {
            list("communityId = ?1 and userId in ?2 order by skill", communityId, userIds)
                    .forEach(s -> skills.computeIfAbsent(s.userId, k -> new java.util.ArrayList<>()).add(s));
        }
        return skills;
    }

    public void replace(UUID communityId, String userId, List<MemberSkill> skills) {
        delete("communityId = ?1 and userId = ?2", communityId, userId);
        getEntityManager().flush();
        skills.forEach(this::persist);
    }

    /**
     * Active members ranked for a skill: declared level first (EXPERT, PRACTITIONER, LEARNING, none), then help that
     * was accepted on that skill, then the most recent such help, then user id, so ties are always broken the same way.
     */
    public List<Expert> experts(UUID communityId, String skill, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = getEntityManager().createNativeQuery("""
                SELECT m.user_id, s.level, coalesce(e.accepted_count, 0) AS accepted, e.last_earned_at
                FROM membership m
                LEFT JOIN member_skill s ON s.community_id = m.community_id AND s.user_id = m.user_id AND s.skill = :skill
                LEFT JOIN earned_skill e ON e.community_id = m.community_id AND e.user_id = m.user_id AND e.skill = :skill
                WHERE m.community_id = :community AND m.status = 'ACTIVE'
                  AND (s.skill IS NOT NULL OR e.skill IS NOT NULL)
                ORDER BY CASE s.level WHEN 'EXPERT' THEN 3 WHEN 'PRACTITIONER' THEN 2 WHEN 'LEARNING' THEN 1 ELSE 0 END DESC,
                         accepted DESC, e.last_earned_at DESC NULLS LAST, m.user_id
                LIMIT :limit""")
                .setParameter("community", communityId)
                .setParameter("skill", skill)
                .setParameter("limit", limit)
                .getResultList();
        return rows.stream().map(r -> new Expert((String) r[0], (String) r[1], ((Number) r[2]).intValue(),
                r[3] == null ? null : toInstant(r[3]))).toList();
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof java.time.OffsetDateTime odt) {
            return odt.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }
}
