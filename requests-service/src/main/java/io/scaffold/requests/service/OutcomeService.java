package io.scaffold.requests.service;

import io.scaffold.platform.problem.ApiProblem;
import io.scaffold.requests.domain.Feedback;
import io.scaffold.requests.domain.HelpRequest;
import io.scaffold.requests.domain.HelpResponse;
import io.scaffold.requests.domain.LoadConcentration;
import io.scaffold.requests.domain.RequestPolicy;
import io.scaffold.requests.domain.RequestStatus;
import io.scaffold.requests.event.RequestEvents;
import io.scaffold.requests.repository.CommunityDirectory;
import io.scaffold.requests.repository.FeedbackRepository;
import io.scaffold.requests.repository.ResponseRepository;
import io.scaffold.requests.repository.StatsRepository;
import io.scaffold.requests.rest.dto.FeedbackInput;
import io.scaffold.requests.rest.dto.FeedbackView;
import io.scaffold.requests.rest.dto.RequestView;
import io.scaffold.requests.rest.dto.StatsView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** What help achieved: the requester's feedback, guides published from solved requests, and the figures. */
@ApplicationScoped
public class OutcomeService {
    private static final Duration DEFAULT_PERIOD = Duration.ofDays(30);
    private static final Duration MAX_PERIOD = Duration.ofDays(366);

    private final FeedbackRepository feedback;
    private final ResponseRepository responses;
    private final StatsRepository stats;
    private final io.scaffold.requests.repository.SolutionRepository solutions;
    private final CommunityDirectory directory;
    private final RequestAccess access;
    private final RequestEvents events;

    public OutcomeService(FeedbackRepository feedback, ResponseRepository responses, StatsRepository stats,
            io.scaffold.requests.repository.SolutionRepository solutions, CommunityDirectory directory,
            RequestAccess access, RequestEvents events) {
        this.feedback = feedback;
        this.responses = responses;
        this.stats = stats;
        this.solutions = solutions;
        this.directory = directory;
        this.access = access;
        this.events = events;
    }

    /** After resolution, the requester says whether it unblocked the work; giving it again replaces it. */
    @Transactional
    public FeedbackView giveFeedback(UUID requestId, FeedbackInput input, Caller caller) {
        HelpRequest request = access.ownForUpdate(requestId, caller.id(), "give feedback");
        if (request.status != RequestStatus.RESOLVED) {
            throw ApiProblem.conflict("Feedback is for resolved requests; this one is " + request.status);
        }
        Feedback given = feedback.findByIdOptional(requestId).orElseGet(() -> {
            Feedback created = new Feedback();
            created.requestId = requestId;
            return created;
        });
        given.unblocked = input.unblocked();
        given.minutesSaved = input.minutesSaved();
        given.comment = input.comment() == null || input.comment().isBlank() ? null : input.comment().strip();
        given.givenAt = RequestService.now();
        feedback.persist(given);
        events.feedback(request, given, caller.id());
        return RequestMapper.feedback(given);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public FeedbackView feedbackOf(UUID requestId, Caller caller) {
        HelpRequest request = access.visible(requestId, caller.id());
        if (!request.isRequester(caller.id()) && !caller.id().equals(request.acceptedHelperId)) {
            throw ApiProblem.forbidden("Only the requester and the accepted helper can read the feedback");
        }
        return feedback.findByIdOptional(requestId).map(RequestMapper::feedback)
                .orElseThrow(() -> ApiProblem.notFound("Feedback on request", requestId));
    }

    /**
     * A resolved request in a community becomes a reusable guide there (communities-service creates it from the
     * event, once per request). The guide's author is the caller; when the requester asked anonymously, it is the
     * accepted helper, whose answer the guide carries, so the requester stays unnamed.
     */
    @Transactional
    public RequestView publish(UUID requestId, String guideText, Caller caller) {
        HelpRequest request = access.visibleForUpdate(requestId, caller.id());
        if (!RequestPolicy.canPublish(request, caller.id())) {
            throw ApiProblem.forbidden("Only the requester or the accepted helper can publish this request");
        }
        if (request.status != RequestStatus.RESOLVED) {
            throw ApiProblem.conflict("Only resolved requests can be published");
        }
        if (request.communityId == null) {
            throw ApiProblem.conflict("A guide belongs to a community's library; this request was asked outside one");
        }
        if (request.publishedAt != null) {
            return RequestMapper.view(request, caller.id(), null); // already on its way to the library
        }
        String author = caller.id();
        if (request.anonymous && request.isRequester(caller.id())) {
            if (request.acceptedHelperId == null) {
                throw ApiProblem.conflict("An anonymous request without an accepted answer cannot be published "
                        + "without naming you");
            }
            author = request.acceptedHelperId;
        }
        request.publishedAt = RequestService.now();
        request.updatedAt = request.publishedAt;
        String guide = guideText != null && !guideText.isBlank() ? guideText.strip() : defaultGuide(request);
        events.published(request, guide, author, caller.id());
        return RequestMapper.view(request, caller.id(), null);
    }

    /**
     * For a community's owners and facilitators and for the L&D desk; without a community, for the desk alone.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public StatsView stats(UUID communityId, Instant from, Instant to, Caller caller) {
        if (communityId == null ? !caller.ldDesk() : !caller.ldDesk() && !directory.isManager(communityId, caller.id())) {
            throw ApiProblem.forbidden(communityId == null ? "Organisation-wide figures are for the L&D desk"
                    : "Figures of a community are for its owners, facilitators and the L&D desk");
        }
        Instant now = Instant.now();
        Instant end = to == null ? now : to;
        Instant start = from == null ? end.minus(DEFAULT_PERIOD) : from;
        if (!start.isBefore(end)) {
            throw ApiProblem.invalid("from", "must be before to");
        }
        if (Duration.between(start, end).compareTo(MAX_PERIOD) > 0) {
            throw ApiProblem.invalid("from", "the period can span at most 366 days");
        }
        StatsRepository.Figures f = stats.figures(communityId, start, end, now);
        return new StatsView(communityId, start, end, f.requests(), share(f.answered(), f.requests()),
                f.medianFirstResponse(), f.p90FirstResponse(), f.medianResolution(),
                share(f.unansweredAfterADay(), f.olderThanADay()),
                LoadConcentration.topDecileShare(stats.acceptedPerHelper(communityId, start, end)),
                share(f.unblocked(), f.withFeedback()), f.withFeedback(), f.minutesSaved(),
                solutions.count(communityId, start, end), solutions.top(communityId, start, end, 10).stream()
                        .map(t -> new StatsView.TopSolution(io.scaffold.requests.domain.SolutionKind.valueOf(t.kind()),
                                t.id(), t.title(), t.solved())).toList());
    }

    private String defaultGuide(HelpRequest request) {
        StringBuilder guide = new StringBuilder(request.body);
        if (request.acceptedResponseId != null) {
            HelpResponse accepted = responses.findById(request.acceptedResponseId);
            guide.append("\n\n---\n\n").append(accepted.text);
            accepted.links.forEach(link -> guide.append("\n- ").append(link));
        }
        return guide.toString();
    }

    private static Double share(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }
}
