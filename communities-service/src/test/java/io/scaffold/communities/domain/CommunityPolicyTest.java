package io.scaffold.communities.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CommunityPolicyTest {

    static Community community(Visibility visibility) {
        Community community = new Community();
        community.visibility = visibility;
        return community;
    }

    static Membership membership(Role role, MembershipStatus status) {
        Membership membership = new Membership();
        membership.userId = "someone";
        membership.role = role;
        membership.status = status;
        return membership;
    }

    @Test
    void aPrivateCommunityIsInvisibleToStrangersButKnownToInvitedAndPendingPeople() {
        Community secret = community(Visibility.PRIVATE);
        assertThat(CommunityPolicy.canSee(secret, null)).isFalse();
        assertThat(CommunityPolicy.canSee(secret, membership(Role.MEMBER, MembershipStatus.INVITED))).isTrue();
        assertThat(CommunityPolicy.canSeeContent(secret, membership(Role.MEMBER, MembershipStatus.PENDING))).isFalse();
        assertThat(CommunityPolicy.canSeeContent(secret, membership(Role.MEMBER, MembershipStatus.ACTIVE))).isTrue();
        assertThat(CommunityPolicy.canSeeContent(community(Visibility.PUBLIC), null)).isTrue();
    }

    @Test
    void ownersAndFacilitatorsEditButOnlyOwnersArchiveAndChangeRoles() {
        Membership owner = membership(Role.OWNER, MembershipStatus.ACTIVE);
        Membership facilitator = membership(Role.FACILITATOR, MembershipStatus.ACTIVE);
        Membership member = membership(Role.MEMBER, MembershipStatus.ACTIVE);
        assertThat(CommunityPolicy.canEdit(owner)).isTrue();
        assertThat(CommunityPolicy.canEdit(facilitator)).isTrue();
        assertThat(CommunityPolicy.canEdit(member)).isFalse();
        assertThat(CommunityPolicy.canArchive(facilitator)).isFalse();
        assertThat(CommunityPolicy.canChangeRoles(facilitator)).isFalse();
        assertThat(CommunityPolicy.canChangeRoles(owner)).isTrue();
    }

    @Test
    void anInvitedOwnerHasNoRightsUntilTheyJoin() {
        assertThat(CommunityPolicy.canEdit(membership(Role.OWNER, MembershipStatus.INVITED))).isFalse();
    }

    @Test
    void facilitatorsRemoveMembersButNotOtherFacilitatorsOrOwners() {
        Membership facilitator = membership(Role.FACILITATOR, MembershipStatus.ACTIVE);
        assertThat(CommunityPolicy.canRemove(facilitator, membership(Role.MEMBER, MembershipStatus.ACTIVE))).isTrue();
        assertThat(CommunityPolicy.canRemove(facilitator, membership(Role.OWNER, MembershipStatus.ACTIVE))).isFalse();
        assertThat(CommunityPolicy.canRemove(membership(Role.OWNER, MembershipStatus.ACTIVE),
                membership(Role.FACILITATOR, MembershipStatus.ACTIVE))).isTrue();
    }

    @Test
    void resourcesAreEditedByTheirAuthorOrTheCommunitysStewards() {
        SharedResource resource = new SharedResource();
        resource.authorId = "author";
        Membership author = membership(Role.MEMBER, MembershipStatus.ACTIVE);
        assertThat(CommunityPolicy.canEditResource(resource, author, "author")).isTrue();
        assertThat(CommunityPolicy.canEditResource(resource, author, "someone-else")).isFalse();
        assertThat(CommunityPolicy.canEditResource(resource, membership(Role.FACILITATOR, MembershipStatus.ACTIVE),
                "facilitator")).isTrue();
    }
}
