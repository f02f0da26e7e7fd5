package io.scaffold.communities.service;

import io.scaffold.communities.domain.Community;
import io.scaffold.communities.domain.CommunityPolicy;
import io.scaffold.communities.domain.Membership;
import io.scaffold.communities.repository.CommunityRepository;
import io.scaffold.communities.repository.MembershipRepository;
import io.scaffold.platform.problem.ApiProblem;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/**
 * Loads a community as one caller may see it: a private community is a 404 for people outside it, so nobody learns
 * that it exists.
 */
@ApplicationScoped
public class CommunityAccess {
    private final CommunityRepository communities;
    private final MembershipRepository memberships;

    public CommunityAccess(CommunityRepository communities, MembershipRepository memberships) {
        this.communities = communities;
        this.memberships = memberships;
    }

    /** The community and the caller's membership (null if none), or 404. */
    public Seen visible(UUID communityId, String callerId) {
        Object[] row = communities.findWithMembership(communityId, callerId).orElseThrow(() -> notFound(communityId));
        Seen seen = new Seen((Community) row[0], (Membership) row[1]);
        if (!CommunityPolicy.canSee(seen.community(), seen.caller())) {
            throw notFound(communityId);
        }
        return seen;
    }

    /** The same, with the community row locked for the rest of the transaction (membership and content changes). */
    public Seen visibleForUpdate(UUID communityId, String callerId) {
        return check(communities.findForUpdate(communityId).orElseThrow(() -> notFound(communityId)), callerId);
    }

    /** The community, locked, whatever its visibility: people outside a private community may ask to join it. */
    public Seen forJoining(UUID communityId, String callerId) {
        Community community = communities.findForUpdate(communityId).orElseThrow(() -> notFound(communityId));
        return new Seen(community, memberships.find(community.id, callerId).orElse(null));
    }

    /** Members, resources and experts: for everyone on a public community, for active members of a private one. */
    public Seen content(UUID communityId, String callerId) {
        Seen seen = visible(communityId, callerId);
        if (!CommunityPolicy.canSeeContent(seen.community(), seen.caller())) {
            throw ApiProblem.forbidden("Only members of this private community can see its members and resources");
        }
        return seen;
    }

    private Seen check(Community community, String callerId) {
        Membership caller = memberships.find(community.id, callerId).orElse(null);
        if (!CommunityPolicy.canSee(community, caller)) {
            throw notFound(community.id);
        }
        return new Seen(community, caller);
    }

    public static void requireNotArchived(Community community) {
        if (community.isArchived()) {
            throw ApiProblem.conflict("Community " + community.id + " is archived");
        }
    }

    private static ApiProblem notFound(UUID id) {
        return ApiProblem.notFound("Community", id);
    }

    /** A community and the caller's membership in it (null when they have none). */
    public record Seen(Community community, Membership caller) {
    }
}
