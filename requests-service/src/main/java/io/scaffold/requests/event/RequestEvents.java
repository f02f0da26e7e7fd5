package io.scaffold.requests.event;

import io.scaffold.requests.domain.Feedback;
import io.scaffold.requests.domain.HelpRequest;
import io.scaffold.requests.domain.HelpResponse;
import io.scaffold.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

/** Records this service's events in the outbox, inside the caller's transaction, keyed by request id. */
@ApplicationScoped
public class RequestEvents {
    private final Outbox outbox;

    public RequestEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    /** created / updated / resolved / reopened / cancelled. */
    public void changed(String type, HelpRequest request, List<String> invitedHelperIds, List<String> responderIds,
            String actorId) {
        record(type, request, new EventPayloads.RequestChanged(id(request), request.title, request.tags,
                request.urgency.name(), request.status.name(), communityId(request), request.communityName,
                request.requesterId, request.anonymous, invitedHelperIds, request.acceptedHelperId, responderIds,
                actorId, Instant.now()));
    }

    public void responded(HelpRequest request, HelpResponse response) {
        record(EventTypes.RESPONDED, request, new EventPayloads.Responded(id(request), request.title,
                request.urgency.name(), communityId(request), request.communityName, request.requesterId,
                request.anonymous, response.id.toString(), response.responderId, response.kind.name(),
                request.responseCount, response.responderId, Instant.now()));
    }

    public void accepted(HelpRequest request, HelpResponse response, String actorId) {
        record(EventTypes.RESPONSE_ACCEPTED, request, new EventPayloads.ResponseAccepted(id(request), request.title,
                request.tags, communityId(request), request.communityName, request.requesterId, request.anonymous,
                response.id.toString(), response.responderId, actorId, Instant.now()));
    }

    public void escalated(HelpRequest request, int level, String step, EventPayloads.Audience audience) {
        record(EventTypes.ESCALATED, request, new EventPayloads.Escalated(id(request), request.title,
                request.urgency.name(), communityId(request), request.communityName, request.requesterId,
                request.anonymous, level, step, audience, Instant.now()));
    }

    public void feedback(HelpRequest request, Feedback feedback, String actorId) {
        record(EventTypes.FEEDBACK_GIVEN, request, new EventPayloads.FeedbackGiven(id(request), communityId(request),
                request.requesterId, request.anonymous, request.acceptedHelperId, feedback.unblocked,
                feedback.minutesSaved, actorId, Instant.now()));
    }

    public void published(HelpRequest request, String guide, String publishedBy, String actorId) {
        record(EventTypes.PUBLISHED, request, new EventPayloads.Published(id(request), communityId(request),
                request.communityName, request.title, guide, request.tags, publishedBy, request.anonymous, actorId,
                Instant.now()));
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
