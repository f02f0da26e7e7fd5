package io.scaffold.communities.service;

import io.scaffold.communities.domain.Community;
import io.scaffold.communities.domain.MemberSkill;
import io.scaffold.communities.domain.Membership;
import io.scaffold.communities.domain.MembershipStatus;
import io.scaffold.communities.domain.Role;
import io.scaffold.communities.domain.SharedResource;
import io.scaffold.communities.repository.CommunityRepository;
import io.scaffold.communities.rest.dto.CommunityView;
import io.scaffold.communities.rest.dto.MemberView;
import io.scaffold.communities.rest.dto.ResourceView;
import io.scaffold.communities.rest.dto.SkillView;

import java.util.List;

/** Entities to API views; trivial field copies, so hand-written. */
final class CommunityMapper {
    private CommunityMapper() {
    }

    static CommunityView view(Community c, Membership caller) {
        return new CommunityView(c.id, c.name, c.description, c.visibility, c.tags, c.memberCount, c.isArchived(),
                c.createdAt, c.updatedAt, caller == null ? null : caller.role, caller == null ? null : caller.status,
                c.version);
    }

    static CommunityView view(CommunityRepository.Listed row) {
        Community c = row.community();
        return new CommunityView(c.id, c.name, c.description, c.visibility, c.tags, c.memberCount, c.isArchived(),
                c.createdAt, c.updatedAt, row.callerRole() == null ? null : Role.valueOf(row.callerRole()),
                row.callerStatus() == null ? null : MembershipStatus.valueOf(row.callerStatus()), c.version);
    }

    static MemberView member(Membership m, List<MemberSkill> skills) {
        return new MemberView(m.userId, m.role, m.status, m.updatedAt,
                skills == null ? List.of() : skills.stream().map(s -> new SkillView(s.skill, s.level)).toList());
    }

    static ResourceView resource(SharedResource r) {
        return new ResourceView(r.id, r.communityId, r.type, r.title, r.description, r.tags, r.url, r.contactUserId,
                r.sourceRequestId, r.authorId, r.createdAt, r.updatedAt, r.version);
    }
}
