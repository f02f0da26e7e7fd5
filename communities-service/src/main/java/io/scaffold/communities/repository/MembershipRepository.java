package io.scaffold.communities.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.scaffold.communities.domain.Membership;
import io.scaffold.communities.domain.MembershipId;
import io.scaffold.communities.domain.MembershipStatus;
import io.scaffold.communities.domain.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class MembershipRepository implements PanacheRepositoryBase<Membership, MembershipId> {

    public Optional<Membership> find(UUID communityId, String userId) {
        return findByIdOptional(new MembershipId(communityId, userId));
    }

    public Optional<Membership> findForUpdate(UUID communityId, String userId) {
        return findByIdOptional(new MembershipId(communityId, userId), LockModeType.PESSIMISTIC_WRITE);
    }

    public long activeOwners(UUID communityId) {
        return count("communityId = ?1 and status = ?2 and role = ?3", communityId, MembershipStatus.ACTIVE,
                Role.OWNER);
    }

    public List<String> userIdsWithRole(UUID communityId, Role role) {
        return find("communityId = ?1 and status = ?2 and role = ?3 order by userId", communityId,
                MembershipStatus.ACTIVE, role).project(String.class).list();
    }

    /**
     * Keyset page of a community's memberships ordered by user id, optionally only one role or only people who
     * declared a skill.
     */
    public List<Membership> page(UUID communityId, MembershipStatus status, Role role, String skill, String afterUserId,
            int limit) {
        StringBuilder query = new StringBuilder("from Membership m where m.communityId = :community"
                + " and m.status = :status");
        var params = new java.util.HashMap<String, Object>();
        params.put("community", communityId);
        params.put("status", status);
        if (role != null) {
            query.append(" and m.role = :role");
            params.put("role", role);
        }
        if (skill != null) {
            query.append(" and exists (select 1 from MemberSkill s where s.communityId = m.communityId"
                    + " and s.userId = m.userId and s.skill = :skill)");
            params.put("skill", skill);
        }
        if (afterUserId != null) {
            query.append(" and m.userId > :after");
            params.put("after", afterUserId);
        }
        return find(query + " order by m.userId", params).page(0, limit).list();
    }
}
