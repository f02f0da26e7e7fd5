package io.scaffold.requests.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class RequestPolicyTest {

    private static HelpRequest request(UUID communityId, boolean anonymous) {
        HelpRequest request = new HelpRequest();
        request.requesterId = "alice";
        request.communityId = communityId;
        request.anonymous = anonymous;
        request.status = RequestStatus.OPEN;
        return request;
    }

    @Test
    void aCommunityRequestIsForMembersTheRequesterAndInvitedPeopleOnly() {
        HelpRequest request = request(UUID.randomUUID(), false);
        assertThat(RequestPolicy.canSee(request, "bob", false, false)).isFalse();
        assertThat(RequestPolicy.canSee(request, "bob", true, false)).isTrue();
        assertThat(RequestPolicy.canSee(request, "bob", false, true)).isTrue();
        assertThat(RequestPolicy.canSee(request, "alice", false, false)).isTrue();
        assertThat(RequestPolicy.canSee(request(null, false), "bob", false, false)).isTrue();
    }

    @Test
    void anAnonymousRequesterIsKnownToThemselvesAlone() {
        HelpRequest request = request(null, true);
        assertThat(RequestPolicy.mayKnowRequester(request, "alice")).isTrue();
        assertThat(RequestPolicy.mayKnowRequester(request, "bob")).isFalse();
        assertThat(RequestPolicy.mayKnowRequester(request(null, false), "bob")).isTrue();
    }

    @Test
    void reopeningIsPossibleWithinTheWindowAfterClosing() {
        HelpRequest request = request(null, false);
        request.status = RequestStatus.RESOLVED;
        request.resolvedAt = Instant.parse("2026-11-01T00:00:00Z");
        assertThat(RequestPolicy.canReopen(request, Instant.parse("2026-11-07T00:00:00Z"), Duration.ofDays(7)))
                .isTrue();
        assertThat(RequestPolicy.canReopen(request, Instant.parse("2026-11-09T00:00:00Z"), Duration.ofDays(7)))
                .isFalse();
        request.status = RequestStatus.OPEN;
        assertThat(RequestPolicy.canReopen(request, Instant.parse("2026-11-02T00:00:00Z"), Duration.ofDays(7)))
                .isFalse();
    }

    @Test
    void theRequesterOrTheAcceptedHelperPublishes() {
        HelpRequest request = request(UUID.randomUUID(), false);
        request.acceptedHelperId = "carol";
        assertThat(RequestPolicy.canPublish(request, "alice")).isTrue();
        assertThat(RequestPolicy.canPublish(request, "carol")).isTrue();
        assertThat(RequestPolicy.canPublish(request, "bob")).isFalse();
    }
}
