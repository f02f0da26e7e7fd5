package io.scaffold.requests.domain;

import java.time.Duration;
import java.time.Instant;

/** Who may do what with a request: the rules that need no database. */
public final class RequestPolicy {
    private RequestPolicy() {
    }

    /**
     * A request outside any community is for every signed-in person; one in a community for its members, plus its
     * requester and everyone it was escalated to.
     */
    public static boolean canSee(HelpRequest request, String userId, boolean memberOfCommunity, boolean invited) {
        return request.communityId == null || request.isRequester(userId) || memberOfCommunity || invited;
    }

    /** The requester's identity is shown to the requester alone when they asked anonymously. */
    public static boolean mayKnowRequester(HelpRequest request, String userId) {
        return !request.anonymous || request.isRequester(userId);
    }

    public static boolean canReopen(HelpRequest request, Instant now, Duration window) {
        Instant closedAt = request.status == RequestStatus.RESOLVED ? request.resolvedAt : request.cancelledAt;
        return request.status != RequestStatus.OPEN && closedAt != null && !now.isAfter(closedAt.plus(window));
    }

    /** The requester, or the helper whose answer was accepted. */
    public static boolean canPublish(HelpRequest request, String userId) {
        return request.isRequester(userId) || userId.equals(request.acceptedHelperId);
    }
}
