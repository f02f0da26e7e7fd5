package io.scaffold.communities.domain;

/**
 * Who may do what in a community, decided from the caller's membership alone (null when they have none). Kept free
 * of framework code so every rule is unit-tested.
 */
public final class CommunityPolicy {
    private CommunityPolicy() {
    }

    /** A private community does not exist for people who are not in it (invited and pending people know of it). */
    public static boolean canSee(Community community, Membership caller) {
        return community.visibility == Visibility.PUBLIC || caller != null;
    }

    /** Members, resources and experts of a private community are for its active members only. */
    public static boolean canSeeContent(Community community, Membership caller) {
        return community.visibility == Visibility.PUBLIC || isActive(caller);
    }

    public static boolean canEdit(Membership caller) {
        return hasRole(caller, Role.OWNER) || hasRole(caller, Role.FACILITATOR);
    }

    public static boolean canArchive(Membership caller) {
        return hasRole(caller, Role.OWNER);
    }

    /** Approve, reject, invite and remove members. */
    public static boolean canManageMembers(Membership caller) {
        return canEdit(caller);
    }

    /** Facilitators may remove members, but only owners may remove facilitators or owners. */
    public static boolean canRemove(Membership caller, Membership target) {
        if (!canManageMembers(caller)) {
            return false;
        }
        return hasRole(caller, Role.OWNER) || target.role == Role.MEMBER;
    }

    public static boolean canChangeRoles(Membership caller) {
        return hasRole(caller, Role.OWNER);
    }

    public static boolean canAddResources(Membership caller) {
        return isActive(caller);
    }

    public static boolean canEditResource(SharedResource resource, Membership caller, String callerId) {
        return isActive(caller) && (resource.authorId.equals(callerId) || canEdit(caller));
    }

    public static boolean isActive(Membership membership) {
        return membership != null && membership.status == MembershipStatus.ACTIVE;
    }

    private static boolean hasRole(Membership membership, Role role) {
        return isActive(membership) && membership.role == role;
    }
}
