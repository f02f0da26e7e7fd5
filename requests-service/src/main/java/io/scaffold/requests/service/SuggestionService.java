package io.scaffold.requests.service;

import io.scaffold.platform.problem.ApiProblem;
import io.scaffold.platform.problem.FieldError;
import io.scaffold.platform.problem.ProblemType;
import io.scaffold.platform.tags.Tags;
import io.scaffold.requests.domain.HelpRequest;
import io.scaffold.requests.domain.RequestStatus;
import io.scaffold.requests.domain.SolutionKind;
import io.scaffold.requests.domain.TypedQuery;
import io.scaffold.requests.event.RequestEvents;
import io.scaffold.requests.repository.CommunityDirectory;
import io.scaffold.requests.repository.SolutionRepository;
import io.scaffold.requests.repository.SuggestionRepository;
import io.scaffold.requests.rest.dto.SolutionView;
import io.scaffold.requests.rest.dto.SolvedInput;
import io.scaffold.requests.rest.dto.Suggestions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Help before asking: what already exists for the problem being typed, from this service's own data and
 * projections (no call to another service), and the problems people solve with it without asking.
 */
@ApplicationScoped
public class SuggestionService {
    public static final int MAX_QUERY_LENGTH = 200;
    public static final int MAX_TAGS = 10;

    private final SuggestionRepository suggestions;
    private final io.scaffold.requests.repository.SearchVocabulary vocabulary;
    private final SolutionRepository solutions;
    private final CommunityDirectory directory;
    private final HelperRouting routing;
    private final RequestAccess access;
    private final RequestEvents events;

    public SuggestionService(SuggestionRepository suggestions,
            io.scaffold.requests.repository.SearchVocabulary vocabulary, SolutionRepository solutions,
            CommunityDirectory directory, HelperRouting routing, RequestAccess access, RequestEvents events) {
        this.suggestions = suggestions;
        this.vocabulary = vocabulary;
        this.solutions = solutions;
        this.directory = directory;
        this.routing = routing;
        this.access = access;
        this.events = events;
    }

    /**
     * @param communityId where the caller would ask: they must be a member; its items rank higher and the people
     *                    shown are its members
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Suggestions suggest(String q, List<String> rawTags, UUID communityId, int limit, Caller caller) {
        if (q != null && q.length() > MAX_QUERY_LENGTH) {
            throw ApiProblem.invalid("q", "at most " + MAX_QUERY_LENGTH + " characters");
        }
        List<String> tags = tags(rawTags);
        TypedQuery typed = TypedQuery.of(q, tags);
        if (typed.isEmpty()) {
            throw ApiProblem.invalid("q", "type a word (letters or digits), or choose tags");
        }
        if (communityId != null && directory.communityOfMember(communityId, caller.id()).isEmpty()) {
            throw new ApiProblem(ProblemType.FORBIDDEN, "Suggestions for a community are for its members",
                    List.of(new FieldError("communityId", "you are not a member")));
        }
        typed = typed.corrected(vocabulary.corrections(typed.completeWords(), typed.prefix()));
        SuggestionRepository.Search search = SuggestionRepository.Search.strict(typed.wordsTsquery(),
                typed.titlePrefix());
        if (typed.words().size() > 1) {
            // When every word together finds nothing: any of the specific ones will do, ranked by how many match;
            // the word being typed from its fourth character, unless titles are full of words starting so ("with"
            // would match nearly every row and the index would read them all).
            String prefix = typed.titlePrefix() != null && typed.titlePrefix().length() >= 4
                    && !vocabulary.isCommonTitleStart(typed.titlePrefix()) ? typed.titlePrefix() : null;
            search = search.orElseAnyOf(String.join(" ", typed.completeWords()), typed.anyWordTsquery(), prefix);
        }
        SuggestionRepository.Found found = suggestions.suggest(search, typed.text(), caller.id(), communityId, limit);
        List<Suggestions.Answer> answers = found.answers().stream()
                .map(a -> new Suggestions.Answer(a.requestId(), a.title(), a.tags(), a.communityId(),
                        a.communityName(), RequestStatus.valueOf(a.status()), a.acceptedAnswer(), a.score()))
                .toList();
        List<Suggestions.Resource> resources = found.resources().stream()
                .map(r -> new Suggestions.Resource(r.resourceId(), r.communityId(), r.type(), r.title(), r.tags(),
                        r.url(), r.score()))
                .toList();
        List<Suggestions.Helper> people = tags.isEmpty() ? List.of()
                : routing.preview(communityId, caller.id(), tags, Instant.now()).stream()
                        .map(c -> new Suggestions.Helper(c.userId(), c.reason())).toList();
        return new Suggestions(typed.text(), answers, resources, people);
    }

    /**
     * "This solved it": recorded once per person and item (again: the first record, {@code created} false), with
     * its event.
     */
    @Transactional
    public Recorded solved(SolvedInput input, Caller caller) {
        UUID communityId;
        String title;
        if (input.kind() == SolutionKind.REQUEST) {
            HelpRequest request = access.visible(input.id(), caller.id());
            if (request.isRequester(caller.id())) {
                throw ApiProblem.conflict("Your own request cannot solve your problem without asking");
            }
            communityId = request.communityId;
            title = request.title;
        } else {
            CommunityDirectory.SeenResource resource = directory.visibleResource(input.id(), caller.id())
                    .orElseThrow(() -> ApiProblem.notFound("Resource", input.id()));
            communityId = resource.communityId();
            title = resource.title();
        }
        String query = input.query() == null ? "" : input.query().strip();
        SolutionRepository.Solution solution = new SolutionRepository.Solution(UUID.randomUUID(), caller.id(),
                input.kind().name(), input.id(), communityId, title, query, RequestService.now());
        boolean created = solutions.record(solution);
        if (created) {
            events.selfServed(solution);
        } else {
            solution = solutions.find(caller.id(), input.kind().name(), input.id()).orElseThrow();
        }
        return new Recorded(view(solution), created);
    }

    public record Recorded(SolutionView solution, boolean created) {
    }

    private static SolutionView view(SolutionRepository.Solution s) {
        return new SolutionView(s.id(), SolutionKind.valueOf(s.kind()), s.targetId(), s.communityId(), s.title(),
                s.query(), s.solvedAt());
    }

    private static List<String> tags(List<String> raw) {
        List<String> given = raw == null ? List.of() : raw.stream().filter(t -> t != null && !t.isBlank()).toList();
        if (given.size() > MAX_TAGS) {
            throw ApiProblem.invalid("tags", "at most " + MAX_TAGS + " tags");
        }
        List<String> tags = new ArrayList<>();
        for (String tag : given) {
            String normalized = Tags.normalize(tag);
            if (normalized == null) {
                throw ApiProblem.invalid("tags", "\"" + tag + "\" is not a valid tag");
            }
            if (!tags.contains(normalized)) {
                tags.add(normalized);
            }
        }
        return tags;
    }
}
