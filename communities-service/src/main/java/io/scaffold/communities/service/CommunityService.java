package io.scaffold.communities.service;

import io.scaffold.communities.config.CommunitiesConfig;
import io.scaffold.communities.domain.Community;
import io.scaffold.communities.domain.CommunityPolicy;
import io.scaffold.communities.domain.Membership;
import io.scaffold.communities.domain.MembershipStatus;
import io.scaffold.communities.domain.Role;
import io.scaffold.platform.http.ETags;
import io.scaffold.platform.tags.Tags;
import io.scaffold.communities.event.CommunityEvents;
import io.scaffold.communities.event.EventTypes;
import io.scaffold.communities.repository.CommunityRepository;
import io.scaffold.communities.repository.MembershipRepository;
import io.scaffold.communities.rest.dto.CommunityView;
import io.scaffold.communities.rest.dto.CreateCommunity;
import io.scaffold.communities.rest.dto.UpdateCommunity;
import io.scaffold.platform.paging.Cursor;
import io.scaffold.platform.paging.CursorPage;
import io.scaffold.platform.problem.ApiProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Creating, reading, listing, editing and archiving communities. */
@ApplicationScoped
public class CommunityService {
    private final CommunityRepository communities;
    private final MembershipRepository memberships;
    private final CommunityAccess access;
    private final CommunityEvents events;
    private final CommunitiesConfig config;

    public CommunityService(CommunityRepository communities, MembershipRepository memberships, CommunityAccess access,
            CommunityEvents events, CommunitiesConfig config) {
        this.communities = communities;
        this.memberships = memberships;
        this.access = access;
        this.events = events;
        this.config = config;
    }

    /** The creator becomes the community's first owner. */
    @Transactional
    public CommunityView create(CreateCommunity request, String callerId) {
        String name = request.name().strip();
        if (communities.nameTaken(name, null)) {
            throw nameClash(name);
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Community community = new Community();
        community.id = UUID.randomUUID();
        community.name = name;
        community.description = request.description() == null ? "" : request.description().strip();
        community.visibility = request.visibility();
        community.tags = Tags.normalizeAll(request.tags());
        community.memberCount = 1;
        community.createdBy = callerId;
        community.createdAt = now;
        community.updatedAt = now;
        Membership owner = new Membership();
        owner.communityId = community.id;
        owner.userId = callerId;
        owner.role = Role.OWNER;
        owner.status = MembershipStatus.ACTIVE;
        owner.createdAt = now;
        owner.updatedAt = now;
        try {
            communities.persistAndFlush(community);
        } catch (PersistenceException e) {
            throw nameClash(name); // a concurrent create won the unique index
        }
        memberships.persist(owner);
        events.community(EventTypes.COMMUNITY_CREATED, community, callerId);
        events.membership(EventTypes.MEMBERSHIP_JOINED, community, owner, callerId);
        return CommunityMapper.view(community, owner);
    }

    /** A read: no transaction to begin and commit on the hottest path of the API. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public CommunityView get(UUID id, String callerId) {
        CommunityAccess.Seen seen = access.visible(id, callerId);
        return CommunityMapper.view(seen.community(), seen.caller());
    }

    /** Visible communities: by name, or ranked by relevance when {@code q} is given. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public CursorPage<CommunityView> list(String callerId, String q, String tag, boolean mine, boolean archived,
            Integer limit, String cursor) {
        String query = SearchParams.query(q);
        String normalizedTag = SearchParams.tag("tag", tag);
        int size = Paging.size(limit, config);
        Cursor after = Cursor.decode(cursor, 2);
        List<CommunityRepository.Listed> rows = communities.list(
                new CommunityRepository.Filter(callerId, query, normalizedTag, mine, archived),
                after == null ? null : List.of(query == null ? after.text(0) : Float.toString(after.real(0)),
                        after.uuid(1).toString()), size + 1);
        boolean more = rows.size() > size;
        List<CommunityRepository.Listed> page = more ? rows.subList(0, size) : rows;
        String next = null;
        if (more) {
            CommunityRepository.Listed last = page.get(page.size() - 1);
            next = (query == null
                    ? Cursor.of(last.community().name.toLowerCase(Locale.ROOT), last.community().id.toString())
                    : Cursor.of(Float.toString(last.rank()), last.community().id.toString())).encode();
        }
        return new CursorPage<>(page.stream().map(CommunityMapper::view).toList(), next);
    }

    @Transactional
    public CommunityView update(UUID id, UpdateCommunity request, Long expectedVersion, String callerId) {
        CommunityAccess.Seen seen = access.visibleForUpdate(id, callerId);
        Community community = seen.community();
        if (!CommunityPolicy.canEdit(seen.caller())) {
            throw ApiProblem.forbidden("Only owners and facilitators can edit this community");
        }
        CommunityAccess.requireNotArchived(community);
        ETags.requireCurrent(expectedVersion, community.version);
        if (request.name() != null && !request.name().strip().equals(community.name)) {
            String name = request.name().strip();
            if (communities.nameTaken(name, community.id)) {
                throw nameClash(name);
            }
            community.name = name;
        }
        if (request.description() != null) {
            community.description = request.description().strip();
        }
        if (request.visibility() != null) {
            community.visibility = request.visibility();
        }
        if (request.tags() != null) {
            community.tags = Tags.normalizeAll(request.tags());
        }
        community.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        try {
            communities.flush();
        } catch (PersistenceException e) {
            throw nameClash(community.name);
        }
        events.community(EventTypes.COMMUNITY_UPDATED, community, callerId);
        return CommunityMapper.view(community, seen.caller());
    }

    /** Archived communities stay readable but take no new members or resources and leave the default lists. */
    @Transactional
    public void archive(UUID id, Long expectedVersion, String callerId) {
        CommunityAccess.Seen seen = access.visibleForUpdate(id, callerId);
        Community community = seen.community();
        if (!CommunityPolicy.canArchive(seen.caller())) {
            throw ApiProblem.forbidden("Only owners can archive this community");
        }
        ETags.requireCurrent(expectedVersion, community.version);
        if (community.isArchived()) {
            return;
        }
        community.archivedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        community.updatedAt = community.archivedAt;
        communities.flush();
        events.community(EventTypes.COMMUNITY_ARCHIVED, community, callerId);
    }

    private static ApiProblem nameClash(String name) {
        return new ApiProblem(io.scaffold.platform.problem.ProblemType.CONFLICT,
                "A community named \"" + name + "\" already exists", List.of(
                new io.scaffold.platform.problem.FieldError("name", "is already taken")));
    }
}
