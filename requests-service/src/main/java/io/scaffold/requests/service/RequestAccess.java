package io.scaffold.requests.service;

import io.scaffold.platform.problem.ApiProblem;
import io.scaffold.requests.domain.HelpRequest;
import io.scaffold.requests.domain.RequestPolicy;
import io.scaffold.requests.repository.CommunityDirectory;
import io.scaffold.requests.repository.HelpRequestRepository;
import io.scaffold.requests.repository.InvitationRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/**
 * Loads a request as one caller may see it. A request in a community is a 404 for people outside it, so nobody learns
 * that it exists.
 */
@ApplicationScoped
public class RequestAccess {
    private final HelpRequestRepository requests;
    private final CommunityDirectory directory;
    private final InvitationRepository invitations;

    public RequestAccess(HelpRequestRepository requests, CommunityDirectory directory,
            InvitationRepository invitations) {
        this.requests = requests;
        this.directory = directory;
        this.invitations = invitations;
    }

    public HelpRequest visible(UUID id, String callerId) {
        return check(requests.findByIdOptional(id).orElseThrow(() -> notFound(id)), callerId);
    }

    /** The same, with the row locked for the rest of the transaction. */
    public HelpRequest visibleForUpdate(UUID id, String callerId) {
        return check(requests.findForUpdate(id).orElseThrow(() -> notFound(id)), callerId);
    }

    /** The requester's own request, locked; anyone else who can see it gets a 403, others a 404. */
    public HelpRequest ownForUpdate(UUID id, String callerId, String action) {
        HelpRequest request = visibleForUpdate(id, callerId);
        if (!request.isRequester(callerId)) {
            throw ApiProblem.forbidden("Only the requester can " + action);
        }
        return request;
    }

    private HelpRequest check(HelpRequest request, String callerId) {
        if (request.communityId == null || request.isRequester(callerId)) {
            return request; // no lookups on the common path
        }
        boolean member = directory.role(request.communityId, callerId).isPresent();
        boolean invited = !member && invitations.isInvited(request.id, callerId);
        if (!RequestPolicy.canSee(request, callerId, member, invited)) {
            throw notFound(request.id);
        }
        return request;
    }

    static ApiProblem notFound(UUID id) {
        return ApiProblem.notFound("Request", id);
    }
}
