package io.scaffold.requests.service;

import io.scaffold.requests.domain.Feedback;
import io.scaffold.requests.domain.HelpRequest;
import io.scaffold.requests.domain.HelpResponse;
import io.scaffold.requests.domain.RequestPolicy;
import io.scaffold.requests.repository.HelpRequestRepository;
import io.scaffold.requests.repository.InvitationRepository;
import io.scaffold.requests.rest.dto.FeedbackView;
import io.scaffold.requests.rest.dto.HelperView;
import io.scaffold.requests.rest.dto.RequestView;
import io.scaffold.requests.rest.dto.ResponseView;
import io.scaffold.requests.rest.dto.SimilarItem;

/** Entities to API views, applying the one rule of anonymity: nobody but the requester sees who asked. */
final class RequestMapper {
    private RequestMapper() {
    }

    static RequestView view(HelpRequest r, String callerId, Float rank) {
        boolean known = RequestPolicy.mayKnowRequester(r, callerId);
        String label = known ? r.requesterId
                : r.communityName != null ? "a member of " + r.communityName : "a colleague";
        return new RequestView(r.id, r.title, r.body, r.tags, r.urgency, r.status, r.communityId, r.communityName,
                known ? r.requesterId : null, r.anonymous, label, r.isRequester(callerId), r.responseCount,
                r.acceptedResponseId, r.acceptedHelperId, r.escalationLevel, r.createdAt, r.updatedAt,
                r.firstResponseAt, r.resolvedAt, r.publishedAt, rank, r.version);
    }

    static ResponseView response(HelpResponse r) {
        return new ResponseView(r.id, r.requestId, r.responderId, r.kind, r.text, r.links, r.accepted, r.createdAt);
    }

    static HelperView helper(InvitationRepository.Invitation i) {
        return new HelperView(i.userId(), i.kind(), i.level(), i.score(), i.reason(), i.invitedAt());
    }

    static FeedbackView feedback(Feedback f) {
        return new FeedbackView(f.requestId, f.unblocked, f.minutesSaved, f.comment, f.givenAt);
    }

    static SimilarItem similar(HelpRequestRepository.Similar s) {
        return new SimilarItem(s.kind(), s.id(), s.title(), s.tags(), s.communityId(), s.url(), s.rank());
    }
}
