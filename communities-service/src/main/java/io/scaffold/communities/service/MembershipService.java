package io.scaffold.communities.service;

import io.scaffold.communities.config.CommunitiesConfig;
import io.scaffold.communities.domain.Community;
import io.scaffold.communities.domain.CommunityPolicy;
import io.scaffold.communities.domain.MemberSkill;
import io.scaffold.communities.domain.Membership;
import io.scaffold.communities.domain.MembershipStatus;
import io.scaffold.communities.domain.Role;
import io.scaffold.communities.domain.Visibility;
import io.scaffold.communities.event.CommunityEvents;
import io.scaffold.communities.event.EventTypes;
import io.scaffold.communities.repository.CommunityRepository;
import io.scaffold.communities.repository.MembershipRepository;
import io.scaffold.communities.repository.SkillRepository;
import io.scaffold.communities.rest.dto.MemberView;
import io.scaffold.platform.paging.Cursor;
import io.scaffold.platform.paging.CursorPage;
import io.scaffold.platform.problem.ApiProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Joining, requests to join, invitations, leaving, removal and roles. Every change locks the community row, so the
 * member count and the "at least one owner" rule hold under concurrent requests.
 */
@ApplicationScoped
public class MembershipService {
    private final CommunityRepository communities;
    private final MembershipRepository memberships;
    private final SkillRepository skills;
    private final CommunityAccess access;
    private final CommunityEvents events;
    private final CommunitiesConfig config;

    public MembershipService(CommunityRepository communities, MembershipRepository memberships,
            SkillRepository skills, CommunityAccess access, CommunityEvents events, CommunitiesConfig config) {
        this.communities = communities;
        this.memberships = memberships;
        this.skills = skills;
        this.access = access;
        this.events = events;
        this.config = config;
    }

    /**
     * The caller joins: directly into a public community, by accepting an invitation, or as a request (PENDING) to
     * join a private one. A private community stays unreadable to outsiders, but its id works like a link to ask
     * for access. Asking again returns the current state.
     */
    @Transactional
    public MemberView join(UUID communityId, String callerId) {
        CommunityAccess.Seen seen = access.forJoining(communityId, callerId);
        Community community = seen.community();
        CommunityAccess.requireNotArchived(community);
        Membership membership = seen.caller();
        if (membership != null && membership.status != MembershipStatus.INVITED) {
            return CommunityMapper.member(membership, skills.ofMember(communityId, callerId));
        }
        Instant now = now();
        if (membership != null) { // accepting an invitation
            membership.status = MembershipStatus.ACTIVE;
            membership.updatedAt = now;
            communities.adjustMemberCount(communityId, 1);
            events.membership(EventTypes.MEMBERSHIP_JOINED, community, callerId, membership.role, null,
                    MembershipStatus.ACTIVE, MembershipStatus.INVITED, callerId);
            return CommunityMapper.member(membership, List.of());
        }
        membership = newMembership(communityId, callerId, now);
        if (community.visibility == Visibility.PUBLIC) {
            membership.status = MembershipStatus.ACTIVE;
            memberships.persist(membership);
            communities.adjustMemberCount(communityId, 1);
            events.membership(EventTypes.MEMBERSHIP_JOINED, community, membership, callerId);
        } else {
            membership.status = MembershipStatus.PENDING;
            memberships.persist(membership);
            events.membership(EventTypes.MEMBERSHIP_REQUESTED, community, membership, callerId);
        }
        return CommunityMapper.member(membership, List.of());
    }

    /** An owner or facilitator invites a person; they become a member when they join. */
    @Transactional
    public MemberView invite(UUID communityId, String userId, String callerId) {
        CommunityAccess.Seen seen = managed(communityId, callerId);
        Community community = seen.community();
        Membership existing = memberships.find(communityId, userId).orElse(null);
        if (existing != null && existing.status == MembershipStatus.PENDING) {
            return approve(seen, existing, callerId); // they already asked: the invitation is the approval
        }
        if (existing != null) {
            throw ApiProblem.conflict(userId + " is already " + (existing.isActive() ? "a member" : "invited"));
        }
        Membership invited = newMembership(communityId, userId, now());
        invited.status = MembershipStatus.INVITED;
        invited.invitedBy = callerId;
        memberships.persist(invited);
        events.membership(EventTypes.MEMBERSHIP_INVITED, community, invited, callerId);
        return CommunityMapper.member(invited, List.of());
    }

    @Transactional
    public MemberView approve(UUID communityId, String userId, String callerId) {
        CommunityAccess.Seen seen = managed(communityId, callerId);
        return approve(seen, pending(communityId, userId), callerId);
    }

    @Transactional
    public void reject(UUID communityId, String userId, String callerId) {
        CommunityAccess.Seen seen = managed(communityId, callerId);
        Membership request = pending(communityId, userId);
        memberships.delete(request);
        events.membership(EventTypes.MEMBERSHIP_REJECTED, seen.community(), userId, request.role, null, null,
                MembershipStatus.PENDING, callerId);
    }

    /**
     * The caller leaves (or withdraws a request, or declines an invitation), or an owner or facilitator removes
     * someone. The last owner can do neither to themselves.
     */
    @Transactional
    public void leaveOrRemove(UUID communityId, String userId, String callerId) {
        CommunityAccess.Seen seen = access.visibleForUpdate(communityId, callerId);
        Community community = seen.community();
        boolean self = userId.equals(callerId);
        if (!self && !CommunityPolicy.canManageMembers(seen.caller())) {
            throw ApiProblem.forbidden("Only owners and facilitators can remove members");
        }
        Membership target = self ? seen.caller() : memberships.find(communityId, userId).orElse(null);
        if (target == null) {
            throw ApiProblem.notFound("Member", userId);
        }
        if (!self && !CommunityPolicy.canRemove(seen.caller(), target)) {
            throw ApiProblem.forbidden("Only owners can remove owners and facilitators");
        }
        if (target.isActive() && target.role == Role.OWNER && memberships.activeOwners(communityId) <= 1) {
            throw ApiProblem.conflict("The last owner cannot leave or be removed; make someone else an owner first");
        }
        memberships.delete(target);
        if (target.isActive()) {
            communities.adjustMemberCount(communityId, -1);
        }
        events.membership(self ? EventTypes.MEMBERSHIP_LEFT : EventTypes.MEMBERSHIP_REMOVED, community, userId,
                target.role, null, null, target.status, callerId);
    }

    @Transactional
    public MemberView changeRole(UUID communityId, String userId, Role role, String callerId) {
        CommunityAccess.Seen seen = access.visibleForUpdate(communityId, callerId);
        if (!CommunityPolicy.canChangeRoles(seen.caller())) {
            throw ApiProblem.forbidden("Only owners can change roles");
        }
        Membership target = memberships.find(communityId, userId).filter(Membership::isActive)
                .orElseThrow(() -> ApiProblem.notFound("Member", userId));
        Role previous = target.role;
        if (previous == role) {
            return CommunityMapper.member(target, skills.ofMember(communityId, userId));
        }
        if (previous == Role.OWNER && memberships.activeOwners(communityId) <= 1) {
            throw ApiProblem.conflict("The last owner cannot be demoted; make someone else an owner first");
        }
        target.role = role;
        target.updatedAt = now();
        events.membership(EventTypes.MEMBERSHIP_ROLE_CHANGED, seen.community(), userId, role, previous,
                MembershipStatus.ACTIVE, null, callerId);
        return CommunityMapper.member(target, skills.ofMember(communityId, userId));
    }

    /**
     * Members by user id. Pending requests and invitations ({@code status}) are for owners and facilitators only.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public CursorPage<MemberView> list(UUID communityId, String callerId, MembershipStatus status, Role role,
            String skill, Integer limit, String cursor) {
        CommunityAccess.Seen seen = access.content(communityId, callerId);
        MembershipStatus wanted = status == null ? MembershipStatus.ACTIVE : status;
        if (wanted != MembershipStatus.ACTIVE && !CommunityPolicy.canManageMembers(seen.caller())) {
            throw ApiProblem.forbidden("Only owners and facilitators can see requests and invitations");
        }
        String normalizedSkill = SearchParams.tag("skill", skill);
        int size = Paging.size(limit, config);
        Cursor after = Cursor.decode(cursor, 1);
        List<Membership> rows = memberships.page(communityId, wanted, role, normalizedSkill,
                after == null ? null : after.text(0), size + 1);
        boolean more = rows.size() > size;
        List<Membership> page = more ? rows.subList(0, size) : rows;
        Map<String, List<MemberSkill>> skillsByUser = skills.ofMembers(communityId,
                page.stream().map(m -> m.userId).toList());
        return new CursorPage<>(page.stream().map(m -> CommunityMapper.member(m, skillsByUser.get(m.userId))).toList(),
                more ? Cursor.of(page.get(page.size() - 1).userId).encode() : null);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public MemberView get(UUID communityId, String userId, String callerId) {
        CommunityAccess.Seen seen = access.content(communityId, callerId);
        Membership member = memberships.find(communityId, userId)
                .filter(m -> m.isActive() || userId.equals(callerId) || CommunityPolicy.canManageMembers(seen.caller()))
                .orElseThrow(() -> ApiProblem.notFound("Member", userId));
        return CommunityMapper.member(member, skills.ofMember(communityId, userId));
    }

    private MemberView approve(CommunityAccess.Seen seen, Membership request, String callerId) {
        request.status = MembershipStatus.ACTIVE;
        request.updatedAt = now();
        communities.adjustMemberCount(request.communityId, 1);
        events.membership(EventTypes.MEMBERSHIP_APPROVED, seen.community(), request.userId, request.role, null,
                MembershipStatus.ACTIVE, MembershipStatus.PENDING, callerId);
        return CommunityMapper.member(request, List.of());
    }

    private CommunityAccess.Seen managed(UUID communityId, String callerId) {
        CommunityAccess.Seen seen = access.visibleForUpdate(communityId, callerId);
        if (!CommunityPolicy.canManageMembers(seen.caller())) {
            throw ApiProblem.forbidden("Only owners and facilitators can manage membership");
        }
        CommunityAccess.requireNotArchived(seen.community());
        return seen;
    }

    private Membership pending(UUID communityId, String userId) {
        return memberships.find(communityId, userId).filter(m -> m.status == MembershipStatus.PENDING)
                .orElseThrow(() -> ApiProblem.notFound("Request to join from", userId));
    }

    private static Membership newMembership(UUID communityId, String userId, Instant now) {
        Membership membership = new Membership();
        membership.communityId = communityId;
        membership.userId = userId;
        membership.role = Role.MEMBER;
        membership.createdAt = now;
        membership.updatedAt = now;
        return membership;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
