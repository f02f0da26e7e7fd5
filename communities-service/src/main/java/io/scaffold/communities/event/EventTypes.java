package io.scaffold.communities.event;

/** CloudEvents types this service publishes on {@code scaffold.communities.events} (key = community id). */
public final class EventTypes {
    public static final String COMMUNITY_CREATED = "scaffold.community.created.v1";
    public static final String COMMUNITY_UPDATED = "scaffold.community.updated.v1";
    public static final String COMMUNITY_ARCHIVED = "scaffold.community.archived.v1";
    public static final String MEMBERSHIP_REQUESTED = "scaffold.membership.requested.v1";
    public static final String MEMBERSHIP_INVITED = "scaffold.membership.invited.v1";
    public static final String MEMBERSHIP_JOINED = "scaffold.membership.joined.v1";
    public static final String MEMBERSHIP_APPROVED = "scaffold.membership.approved.v1";
    public static final String MEMBERSHIP_REJECTED = "scaffold.membership.rejected.v1";
    public static final String MEMBERSHIP_LEFT = "scaffold.membership.left.v1";
    public static final String MEMBERSHIP_REMOVED = "scaffold.membership.removed.v1";
    public static final String MEMBERSHIP_ROLE_CHANGED = "scaffold.membership.role-changed.v1";
    public static final String MEMBER_SKILLS_UPDATED = "scaffold.member-skills.updated.v1";
    public static final String RESOURCE_ADDED = "scaffold.resource.added.v1";
    public static final String RESOURCE_UPDATED = "scaffold.resource.updated.v1";
    public static final String RESOURCE_REMOVED = "scaffold.resource.removed.v1";
    /** A community restated in full (periodic, or on an operator's request): what a projection rebuild starts from. */
    public static final String COMMUNITY_SNAPSHOT = "scaffold.community.snapshot.v1";

    public static final String AGGREGATE = "community";

    private EventTypes() {
    }
}
