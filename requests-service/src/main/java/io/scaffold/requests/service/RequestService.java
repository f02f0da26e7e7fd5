package io.scaffold.requests.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scaffold.platform.http.ETags;
import io.scaffold.platform.paging.Cursor;
import io.scaffold.platform.paging.CursorPage;
import io.scaffold.platform.paging.PageSize;
import io.scaffold.platform.consistency.AwaitedEvents;
import io.scaffold.platform.problem.ApiProblem;
import io.scaffold.platform.problem.ProblemType;
import io.scaffold.platform.tags.Tags;
import io.scaffold.requests.config.RequestsConfig;
import io.scaffold.requests.domain.EscalationLadder;
import io.scaffold.requests.domain.HelpRequest;
import io.scaffold.requests.domain.RequestPolicy;
import io.scaffold.requests.domain.RequestStatus;
import io.scaffold.requests.domain.Urgency;
import io.scaffold.requests.event.EventTypes;
import io.scaffold.requests.event.RequestEvents;
import io.scaffold.requests.repository.CommunityDirectory;
import io.scaffold.requests.repository.HelpRequestRepository;
import io.scaffold.requests.repository.IdempotencyKeys;
import io.scaffold.requests.repository.InvitationRepository;
import io.scaffold.requests.repository.ResponseRepository;
import io.scaffold.requests.rest.dto.CreateRequest;
import io.scaffold.requests.rest.dto.HelperView;
import io.scaffold.requests.rest.dto.RequestView;
import io.scaffold.requests.rest.dto.SimilarItem;
import io.scaffold.requests.rest.dto.UpdateRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/** Asking, reading, listing, editing, cancelling, resolving and reopening help requests. */
@ApplicationScoped
public class RequestService {
    private final HelpRequestRepository requests;
    private final ResponseRepository responses;
    private final InvitationRepository invitations;
    private final CommunityDirectory directory;
    private final IdempotencyKeys idempotencyKeys;
    private final RequestAccess access;
    private final HelperRouting routing;
    private final RequestEvents events;
    private final RequestsConfig config;
    private final ObjectMapper json;
    private final AwaitedEvents awaitedEvents;
    private final io.scaffold.requests.repository.SearchVocabulary vocabulary;

    public RequestService(HelpRequestRepository requests, ResponseRepository responses,
            InvitationRepository invitations, CommunityDirectory directory, IdempotencyKeys idempotencyKeys,
            RequestAccess access, HelperRouting routing, RequestEvents events, RequestsConfig config,
            ObjectMapper json, AwaitedEvents awaitedEvents,
            io.scaffold.requests.repository.SearchVocabulary vocabulary) {
        this.awaitedEvents = awaitedEvents;
        this.vocabulary = vocabulary;
        this.requests = requests;
        this.responses = responses;
        this.invitations = invitations;
        this.directory = directory;
        this.idempotencyKeys = idempotencyKeys;
        this.access = access;
        this.routing = routing;
        this.events = events;
        this.config = config;
        this.json = json;
    }

    /** The outcome of a create: the request, and whether this call created it (false on an idempotent replay). */
    public record Created(RequestView request, boolean created) {
    }

    /**
     * Asks for help: records the request, invites the best-matched helpers and schedules the first escalation, in
     * one transaction with its event. With an Idempotency-Key, the same key and body return the first result.
     */
    @Transactional
    public Created create(CreateRequest input, String idempotencyKey, Caller caller) {
        Instant now = now();
        UUID id = UUID.randomUUID();
        if (idempotencyKey != null) {
            var used = idempotencyKeys.claim(caller.id(), idempotencyKey, hash(input), id);
            if (used.isPresent()) {
                if (!used.get().bodyHash().equals(hash(input))) {
                    throw new ApiProblem(ProblemType.UNPROCESSABLE, "This Idempotency-Key was used for a different "
                            + "request body; use a new key for a new request");
                }
                return new Created(RequestMapper.view(requests.findById(used.get().requestId()), caller.id(), null),
                        false);
            }
        }
        HelpRequest request = new HelpRequest();
        request.id = id;
        request.title = input.title().strip();
        request.body = input.body().strip();
        request.tags = Tags.normalizeAll(input.tags());
        request.urgency = input.urgency() == null ? Urgency.NORMAL : input.urgency();
        request.anonymous = Boolean.TRUE.equals(input.anonymous());
        request.requesterId = caller.id();
        if (input.communityId() != null) {
            CommunityDirectory.KnownCommunity community = directory.communityOfMember(input.communityId(), caller.id())
                    .orElseThrow(() -> {
                        // A membership this service has not heard of yet is a "retry shortly", not a refusal.
                        awaitedEvents.refuseIfNotYetApplied("your membership of the community");
                        return new ApiProblem(ProblemType.FORBIDDEN,
                                "You can ask in a community only as one of its members", List.of(
                                new io.scaffold.platform.problem.FieldError("communityId", "you are not a member")));
                    });
            if (community.archived()) {
                throw ApiProblem.conflict("Community " + community.name() + " is archived and takes no new requests");
            }
            request.communityId = community.id();
            request.communityName = community.name();
        }
        request.status = RequestStatus.OPEN;
        request.createdAt = now;
        request.updatedAt = now;
        request.nextEscalationAt = ladder(request).nextDue(now, 0);
        requests.persist(request);
        requests.flush(); // invitations reference the row
        List<String> invited = routing.inviteHelpers(request, 0, config.routing().initialHelpers(), now);
        events.changed(EventTypes.CREATED, request, invited, null, caller.id());
        return new Created(RequestMapper.view(request, caller.id(), null), true);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public RequestView get(UUID id, Caller caller) {
        return RequestMapper.view(access.visible(id, caller.id()), caller.id(), null);
    }

    /** Visible requests, newest first, or ranked by relevance with {@code q}. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public CursorPage<RequestView> list(Caller caller, UUID communityId, RequestStatus status, boolean mine,
            String tag, String q, Integer limit, String cursor) {
        String query = q == null || q.isBlank() ? null : q.strip();
        String normalizedTag = null;
        if (tag != null && !tag.isBlank()) {
            normalizedTag = Tags.normalize(tag);
            if (normalizedTag == null) {
                throw ApiProblem.invalid("tag", "is not a valid tag");
            }
        }
        int size = PageSize.of(limit, config.defaultPageSize(), config.maxPageSize());
        Cursor after = Cursor.decode(cursor, 2);
        List<String> afterKeys = after == null ? null
                : List.of(query == null ? after.instant(0).toString() : Float.toString(after.real(0)),
                        after.uuid(1).toString());
        List<HelpRequestRepository.Listed> rows = requests.list(new HelpRequestRepository.Filter(caller.id(),
                communityId, status, mine, normalizedTag, query), afterKeys, size + 1);
        boolean more = rows.size() > size;
        List<HelpRequestRepository.Listed> page = more ? rows.subList(0, size) : rows;
        String next = null;
        if (more) {
            HelpRequestRepository.Listed last = page.get(page.size() - 1);
            next = (query == null ? Cursor.of(last.request().createdAt.toString(), last.request().id.toString())
                    : Cursor.of(Float.toString(last.rank()), last.request().id.toString())).encode();
        }
        return new CursorPage<>(page.stream().map(l -> RequestMapper.view(l.request(), caller.id(), l.rank()))
                .toList(), next);
    }

    @Transactional
    public RequestView update(UUID id, UpdateRequest input, Long expectedVersion, Caller caller) {
        HelpRequest request = access.ownForUpdate(id, caller.id(), "edit this request");
        requireOpen(request);
        ETags.requireCurrent(expectedVersion, request.version);
        if (input.title() != null) {
            request.title = input.title().strip();
        }
        if (input.body() != null) {
            request.body = input.body().strip();
        }
        if (input.tags() != null) {
            request.tags = Tags.normalizeAll(input.tags());
        }
        if (input.urgency() != null && input.urgency() != request.urgency) {
            request.urgency = input.urgency();
            if (request.nextEscalationAt != null) {
                request.nextEscalationAt = ladder(request).nextDue(request.createdAt, request.escalationLevel);
            }
        }
        request.updatedAt = now();
        requests.flush();
        if (input.title() != null) {
            vocabulary.learn(request.title); // after the flush: an edited title's words are known to typo correction
        }
        events.changed(EventTypes.UPDATED, request, null, null, caller.id());
        return RequestMapper.view(request, caller.id(), null);
    }

    @Transactional
    public RequestView cancel(UUID id, Caller caller) {
        HelpRequest request = access.ownForUpdate(id, caller.id(), "cancel this request");
        requireOpen(request);
        request.status = RequestStatus.CANCELLED;
        request.cancelledAt = now();
        request.updatedAt = request.cancelledAt;
        request.nextEscalationAt = null;
        requests.flush();
        events.changed(EventTypes.CANCELLED, request, null, responses.responderIds(id), caller.id());
        return RequestMapper.view(request, caller.id(), null);
    }

    /** The requester says the problem is solved, whether or not they accepted a response. */
    @Transactional
    public RequestView resolve(UUID id, Caller caller) {
        HelpRequest request = access.ownForUpdate(id, caller.id(), "resolve this request");
        requireOpen(request);
        markResolved(request, now());
        requests.flush();
        events.changed(EventTypes.RESOLVED, request, null, responses.responderIds(id), caller.id());
        return RequestMapper.view(request, caller.id(), null);
    }

    /** Within the reopen window after it closed; the ladder resumes if nobody has responded yet. */
    @Transactional
    public RequestView reopen(UUID id, Caller caller) {
        HelpRequest request = access.ownForUpdate(id, caller.id(), "reopen this request");
        Instant now = now();
        if (request.isOpen()) {
            throw ApiProblem.conflict("The request is already open");
        }
        if (!RequestPolicy.canReopen(request, now, config.reopenWindow())) {
            throw ApiProblem.conflict("The request closed more than " + spoken(config.reopenWindow())
                    + " ago; ask a new one");
        }
        request.status = RequestStatus.OPEN;
        request.resolvedAt = null;
        request.cancelledAt = null;
        request.acceptedResponseId = null;
        request.acceptedHelperId = null;
        request.updatedAt = now;
        request.nextEscalationAt = request.firstResponseAt != null ? null
                : ladder(request).nextDue(request.createdAt, request.escalationLevel);
        responses.update("accepted = false where requestId = ?1 and accepted = true", id);
        requests.flush();
        events.changed(EventTypes.REOPENED, request, null, responses.responderIds(id), caller.id());
        return RequestMapper.view(request, caller.id(), null);
    }

    /** Who was asked to help and why: for the requester and the community's owners and facilitators. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<HelperView> helpers(UUID id, Caller caller) {
        HelpRequest request = access.visible(id, caller.id());
        boolean facilitator = request.communityId != null && directory.isManager(request.communityId, caller.id());
        if (!request.isRequester(caller.id()) && !facilitator && !caller.ldDesk()) {
            throw ApiProblem.forbidden("Only the requester and the community's facilitators can see who was asked");
        }
        return invitations.ofRequest(id).stream().map(RequestMapper::helper).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<SimilarItem> similar(UUID id, Integer limit, Caller caller) {
        HelpRequest request = access.visible(id, caller.id());
        int size = PageSize.of(limit, 10, 50);
        return requests.similar(request, caller.id(), size).stream().map(RequestMapper::similar).toList();
    }

    static void markResolved(HelpRequest request, Instant now) {
        request.status = RequestStatus.RESOLVED;
        request.resolvedAt = now;
        request.updatedAt = now;
        request.nextEscalationAt = null;
    }

    static void requireOpen(HelpRequest request) {
        if (!request.isOpen()) {
            throw ApiProblem.conflict("The request is " + request.status.name().toLowerCase() + "; reopen it first");
        }
    }

    EscalationLadder ladder(HelpRequest request) {
        return new EscalationLadder(config.escalation().ladder(request.urgency));
    }

    private String hash(CreateRequest input) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.writeValueAsString(input)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash the request body", e);
        }
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /** A window as people say it: "7 days", "12 hours", "90 minutes". */
    static String spoken(java.time.Duration window) {
        if (window.toDays() > 0 && window.equals(java.time.Duration.ofDays(window.toDays()))) {
            return window.toDays() + (window.toDays() == 1 ? " day" : " days");
        }
        if (window.toHours() > 0 && window.equals(java.time.Duration.ofHours(window.toHours()))) {
            return window.toHours() + (window.toHours() == 1 ? " hour" : " hours");
        }
        long minutes = Math.max(1, window.toMinutes());
        return minutes + (minutes == 1 ? " minute" : " minutes");
    }
}
