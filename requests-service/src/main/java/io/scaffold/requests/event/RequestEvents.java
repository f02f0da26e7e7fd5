package io.scaffold.requests.event;

import io.scaffold.requests.domain.Feedback;
import io.scaffold.requests.domain.HelpRequest;
import io.scaffold.requests.domain.HelpResponse;
import io.scaffold.platform.outbox.Outbox;
import io.scaffold.platform.privacy.SealedIds;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

/**
 * Records this service's events in the outbox, inside the caller's transaction, keyed by request id. An anonymous
 * requester's id is sealed (bound to the request id) wherever it would appear: as the requester, and as the actor
 * when the requester acted.
 */
@ApplicationScoped
public class RequestEvents {
    private final Outbox outbox;
    private final SealedIds sealedIds;

    public RequestEvents(Outbox outbox, SealedIds sealedIds) {
        this.outbox = outbox;
        this.sealedIds = sealedIds;
    }

    /** created / updated / resolved / reopened / cancelled. */
    public void changed(String type, HelpRequest request, List<String> invitedHelperIds, List<String> responderIds,
            String actorId) {
        record(type, request, new EventPayloads.RequestChanged(id(request), request.title, request.tags,
                request.urgency.name(), request.status.name(), communityId(request), request.communityName,
                requester(request), sealedRequester(request), request.anonymous, invitedHelperIds,
                request.acceptedHelperId, responderIds, actor(request, actorId), sealedActor(request, actorId),
                Instant.now()));
    }

    public void responded(HelpRequest request, HelpResponse response) {
        record(EventTypes.RESPONDED, request, new EventPayloads.Responded(id(request), request.title,
                request.urgency.name(), communityId(request), request.communityName, requester(request),
                sealedRequester(request), request.anonymous, response.id.toString(), response.responderId,
                response.kind.name(), request.responseCount, actor(request, response.responderId),
                sealedActor(request, response.responderId), Instant.now()));
    }

    public void accepted(HelpRequest request, HelpResponse response, String actorId) {
        record(EventTypes.RESPONSE_ACCEPTED, request, new EventPayloads.ResponseAccepted(id(request), request.title,
                request.tags, communityId(request), request.communityName, requester(request), sealedRequester(request),
                request.anonymous, response.id.toString(), response.responderId, actor(request, actorId),
                sealedActor(request, actorId), Instant.now()));
    }

    public void escalated(HelpRequest request, int level, String step, EventPayloads.Audience audience) {
        record(EventTypes.ESCALATED, request, new EventPayloads.Escalated(id(request), request.title,
                request.urgency.name(), communityId(request), request.communityName, requester(request),
                sealedRequester(request), request.anonymous, level, step, audience, Instant.now()));
    }

    public void feedback(HelpRequest request, Feedback feedback, String actorId) {
        record(EventTypes.FEEDBACK_GIVEN, request, new EventPayloads.FeedbackGiven(id(request), communityId(request),
                requester(request), sealedRequester(request), request.anonymous, request.acceptedHelperId,
                feedback.unblocked, feedback.minutesSaved, actor(request, actorId), sealedActor(request, actorId),
                Instant.now()));
    }

    public void published(HelpRequest request, String guide, String publishedBy, String actorId) {
        record(EventTypes.PUBLISHED, request, new EventPayloads.Published(id(request), communityId(request),
                request.communityName, request.title, guide, request.tags, publishedBy, request.anonymous,
                actor(request, actorId), sealedActor(request, actorId), Instant.now()));
    }

    /** Keyed by the request or resource that solved the problem: one item's events stay in order. */
    public void selfServed(io.scaffold.requests.repository.SolutionRepository.Solution solution) {
        outbox.record("self-service", solution.targetId().toString(), EventTypes.SELF_SERVED,
                new EventPayloads.SelfServed(solution.id().toString(), solution.kind(),
                        solution.targetId().toString(), solution.communityId() == null ? null
                        : solution.communityId().toString(), solution.title(), solution.query(), solution.userId(),
                        solution.solvedAt()));
    }

    /** The requester's id in clear, unless they asked anonymously. */
    private static String requester(HelpRequest request) {
        return request.anonymous ? null : request.requesterId;
    }

    private String sealedRequester(HelpRequest request) {
        return request.anonymous ? sealedIds.seal(request.requesterId, id(request)) : null;
    }

    /** The actor in clear, unless it is the anonymous requester. */
    private static String actor(HelpRequest request, String actorId) {
        return request.anonymous && request.isRequester(actorId) ? null : actorId;
    }

    private String sealedActor(HelpRequest request, String actorId) {
        return request.anonymous && request.isRequester(actorId) ? sealedIds.seal(actorId, id(request)) : null;
    }

    private void record(String type, HelpRequest request, Object data) {
        outbox.record(EventTypes.AGGREGATE, id(request), type, data);
    }

    private static String id(HelpRequest request) {
        return request.id.toString();
    }

    private static String communityId(HelpRequest request) {
        return request.communityId == null ? null : request.communityId.toString();
    }
}
