package io.scaffold.requests.service;

import io.scaffold.platform.paging.Cursor;
import io.scaffold.platform.paging.CursorPage;
import io.scaffold.platform.paging.PageSize;
import io.scaffold.platform.problem.ApiProblem;
import io.scaffold.requests.config.RequestsConfig;
import io.scaffold.requests.domain.HelpRequest;
import io.scaffold.requests.domain.HelpResponse;
import io.scaffold.requests.event.EventTypes;
import io.scaffold.requests.event.RequestEvents;
import io.scaffold.requests.repository.AcceptedHelpRepository;
import io.scaffold.requests.repository.ResponseRepository;
import io.scaffold.requests.rest.dto.CreateResponse;
import io.scaffold.requests.rest.dto.RequestView;
import io.scaffold.requests.rest.dto.ResponseView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Answers and offers, and the requester accepting one. */
@ApplicationScoped
public class ResponseService {
    private final ResponseRepository responses;
    private final AcceptedHelpRepository acceptedHelp;
    private final RequestAccess access;
    private final RequestEvents events;
    private final RequestsConfig config;

    public ResponseService(ResponseRepository responses, AcceptedHelpRepository acceptedHelp, RequestAccess access,
            RequestEvents events, RequestsConfig config) {
        this.responses = responses;
        this.acceptedHelp = acceptedHelp;
        this.access = access;
        this.events = events;
        this.config = config;
    }

    /** Anyone who can see an open request can respond, except its requester; the first response stops the ladder. */
    @Transactional
    public ResponseView respond(UUID requestId, CreateResponse input, Caller caller) {
        HelpRequest request = access.visibleForUpdate(requestId, caller.id());
        if (request.isRequester(caller.id())) {
            throw ApiProblem.forbidden("The requester cannot respond to their own request");
        }
        RequestService.requireOpen(request);
        Instant now = RequestService.now();
        HelpResponse response = new HelpResponse();
        response.id = UUID.randomUUID();
        response.requestId = requestId;
        response.responderId = caller.id();
        response.kind = input.kind();
        response.text = input.text().strip();
        response.links = input.links() == null ? List.of() : input.links().stream().map(String::strip).distinct()
                .toList();
        response.createdAt = now;
        responses.persist(response);
        request.responseCount++;
        if (request.firstResponseAt == null) {
            request.firstResponseAt = now;
        }
        request.nextEscalationAt = null;
        request.updatedAt = now;
        events.responded(request, response);
        return RequestMapper.response(response);
    }

    /** Oldest first, the order of a conversation. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public CursorPage<ResponseView> list(UUID requestId, Integer limit, String cursor, Caller caller) {
        access.visible(requestId, caller.id());
        int size = PageSize.of(limit, config.defaultPageSize(), config.maxPageSize());
        Cursor after = Cursor.decode(cursor, 2);
        List<HelpResponse> rows = after == null ? responses.page(requestId, null, null, size + 1)
                : responses.page(requestId, after.instant(0), after.uuid(1), size + 1);
        boolean more = rows.size() > size;
        List<HelpResponse> page = more ? rows.subList(0, size) : rows;
        String next = more ? Cursor.of(page.get(size - 1).createdAt.toString(), page.get(size - 1).id.toString())
                .encode() : null;
        return new CursorPage<>(page.stream().map(RequestMapper::response).toList(), next);
    }

    /** The requester accepts a response: the request is resolved and the helper credited. */
    @Transactional
    public RequestView accept(UUID requestId, UUID responseId, Caller caller) {
        HelpRequest request = access.ownForUpdate(requestId, caller.id(), "accept a response");
        RequestService.requireOpen(request);
        HelpResponse response = responses.of(requestId, responseId)
                .orElseThrow(() -> ApiProblem.notFound("Response", responseId));
        Instant now = RequestService.now();
        response.accepted = true;
        request.acceptedResponseId = response.id;
        request.acceptedHelperId = response.responderId;
        RequestService.markResolved(request, now);
        acceptedHelp.credit(response.responderId, request.tags);
        responses.flush();
        events.accepted(request, response, caller.id());
        events.changed(EventTypes.RESOLVED, request, null, responses.responderIds(requestId), caller.id());
        return RequestMapper.view(request, caller.id(), null);
    }
}
