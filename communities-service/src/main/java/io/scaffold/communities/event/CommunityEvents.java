package io.scaffold.communities.event;

import io.scaffold.communities.domain.Community;
import io.scaffold.communities.domain.MemberSkill;
import io.scaffold.communities.domain.Membership;
import io.scaffold.communities.domain.MembershipStatus;
import io.scaffold.communities.domain.Role;
import io.scaffold.communities.domain.SharedResource;
import io.scaffold.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

/** Records this service's events in the outbox, inside the caller's transaction, keyed by community id. */
@ApplicationScoped
public class CommunityEvents {
    private final Outbox outbox;

    public CommunityEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public void community(String type, Community community, String actorId) {
        record(type, community, new EventPayloads.CommunityChanged(community.id.toString(), community.name,
                community.description, community.visibility.name(), community.tags, community.isArchived(), actorId,
                Instant.now()));
    }

    /** A membership change; {@code previousRole}/{@code previousStatus} are null when they did not change. */
    public void membership(String type, Community community, String userId, Role role, Role previousRole,
            MembershipStatus status, MembershipStatus previousStatus, String actorId) {
        record(type, community, new EventPayloads.MembershipChanged(community.id.toString(), community.name,
                community.visibility.name(), userId, role == null ? null : role.name(),
                previousRole == null ? null : previousRole.name(), status == null ? null : status.name(),
                previousStatus == null ? null : previousStatus.name(), actorId, Instant.now()));
    }

    public void membership(String type, Community community, Membership membership, String actorId) {
        membership(type, community, membership.userId, membership.role, null, membership.status, null, actorId);
    }

    public void skills(Community community, String userId, List<MemberSkill> skills) {
        record(EventTypes.MEMBER_SKILLS_UPDATED, community, new EventPayloads.SkillsChanged(community.id.toString(),
                community.name, community.visibility.name(), userId,
                skills.stream().map(s -> new EventPayloads.Skill(s.skill, s.level.name())).toList(), userId,
                Instant.now()));
    }

    public void resource(String type, Community community, SharedResource resource, String actorId) {
        record(type, community, new EventPayloads.ResourceChanged(community.id.toString(), community.name,
                community.visibility.name(), resource.id.toString(), resource.type.name(), resource.title,
                resource.tags, resource.url, resource.contactUserId,
                resource.sourceRequestId == null ? null : resource.sourceRequestId.toString(), resource.authorId,
                actorId, Instant.now()));
    }

    public void snapshot(Community community, EventPayloads.CommunitySnapshot page) {
        record(EventTypes.COMMUNITY_SNAPSHOT, community, page);
    }

    private void record(String type, Community community, Object data) {
        outbox.record(EventTypes.AGGREGATE, community.id.toString(), type, data);
    }
}
