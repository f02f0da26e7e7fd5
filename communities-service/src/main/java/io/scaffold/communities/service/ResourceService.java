package io.scaffold.communities.service;

import io.scaffold.communities.config.CommunitiesConfig;
import io.scaffold.communities.domain.Community;
import io.scaffold.communities.domain.CommunityPolicy;
import io.scaffold.communities.domain.ResourceType;
import io.scaffold.communities.domain.SharedResource;
import io.scaffold.platform.http.ETags;
import io.scaffold.platform.tags.Tags;
import io.scaffold.communities.event.CommunityEvents;
import io.scaffold.communities.event.EventTypes;
import io.scaffold.communities.repository.MembershipRepository;
import io.scaffold.communities.repository.SharedResourceRepository;
import io.scaffold.communities.rest.dto.CreateResource;
import io.scaffold.communities.rest.dto.ResourceView;
import io.scaffold.communities.rest.dto.UpdateResource;
import io.scaffold.platform.paging.Cursor;
import io.scaffold.platform.paging.CursorPage;
import io.scaffold.platform.problem.ApiProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** The shared resource library of a community. */
@ApplicationScoped
public class ResourceService {
    private final SharedResourceRepository resources;
    private final MembershipRepository memberships;
    private final CommunityAccess access;
    private final CommunityEvents events;
    private final CommunitiesConfig config;

    public ResourceService(SharedResourceRepository resources, MembershipRepository memberships,
            CommunityAccess access, CommunityEvents events, CommunitiesConfig config) {
        this.resources = resources;
        this.memberships = memberships;
        this.access = access;
        this.events = events;
        this.config = config;
    }

    @Transactional
    public ResourceView add(UUID communityId, CreateResource request, String callerId) {
        CommunityAccess.Seen seen = access.visibleForUpdate(communityId, callerId);
        if (!CommunityPolicy.canAddResources(seen.caller())) {
            throw ApiProblem.forbidden("Only members can add resources to this community");
        }
        CommunityAccess.requireNotArchived(seen.community());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        SharedResource resource = new SharedResource();
        resource.id = UUID.randomUUID();
        resource.communityId = communityId;
        resource.type = request.type();
        resource.title = request.title().strip();
        resource.description = request.description() == null ? "" : request.description().strip();
        resource.tags = Tags.normalizeAll(request.tags());
        resource.url = blankToNull(request.url());
        resource.contactUserId = blankToNull(request.contactUserId());
        resource.authorId = callerId;
        resource.createdAt = now;
        resource.updatedAt = now;
        requireTarget(resource);
        resources.persist(resource);
        events.resource(EventTypes.RESOURCE_ADDED, seen.community(), resource, callerId);
        return CommunityMapper.resource(resource);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ResourceView get(UUID communityId, UUID resourceId, String callerId) {
        access.content(communityId, callerId);
        return CommunityMapper.resource(find(communityId, resourceId));
    }

    /** Newest first, or ranked by relevance when {@code q} is given. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public CursorPage<ResourceView> list(UUID communityId, String callerId, String q, ResourceType type, String tag,
            Integer limit, String cursor) {
        access.content(communityId, callerId);
        String query = SearchParams.query(q);
        String normalizedTag = SearchParams.tag("tag", tag);
        int size = Paging.size(limit, config);
        Cursor after = Cursor.decode(cursor, 2);
        List<SharedResourceRepository.Ranked> rows = resources.page(
                new SharedResourceRepository.Filter(communityId, query, type, normalizedTag),
                after == null ? null : List.of(query == null ? after.instant(0).toString()
                        : Float.toString(after.real(0)), after.uuid(1).toString()), size + 1);
        boolean more = rows.size() > size;
        List<SharedResourceRepository.Ranked> page = more ? rows.subList(0, size) : rows;
        String next = null;
        if (more) {
            SharedResourceRepository.Ranked last = page.get(page.size() - 1);
            next = (query == null ? Cursor.of(last.resource().createdAt.toString(), last.resource().id.toString())
                    : Cursor.of(Float.toString(last.rank()), last.resource().id.toString())).encode();
        }
        return new CursorPage<>(page.stream().map(r -> CommunityMapper.resource(r.resource())).toList(), next);
    }

    @Transactional
    public ResourceView update(UUID communityId, UUID resourceId, UpdateResource request, Long expectedVersion,
            String callerId) {
        CommunityAccess.Seen seen = access.visibleForUpdate(communityId, callerId);
        SharedResource resource = find(communityId, resourceId);
        if (!CommunityPolicy.canEditResource(resource, seen.caller(), callerId)) {
            throw ApiProblem.forbidden("Only the author, owners and facilitators can edit this resource");
        }
        CommunityAccess.requireNotArchived(seen.community());
        ETags.requireCurrent(expectedVersion, resource.version);
        if (request.title() != null) {
            resource.title = request.title().strip();
        }
        if (request.description() != null) {
            resource.description = request.description().strip();
        }
        if (request.tags() != null) {
            resource.tags = Tags.normalizeAll(request.tags());
        }
        if (request.url() != null) {
            resource.url = blankToNull(request.url());
        }
        if (request.contactUserId() != null) {
            resource.contactUserId = blankToNull(request.contactUserId());
        }
        requireTarget(resource);
        resource.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        resources.flush();
        events.resource(EventTypes.RESOURCE_UPDATED, seen.community(), resource, callerId);
        return CommunityMapper.resource(resource);
    }

    @Transactional
    public void remove(UUID communityId, UUID resourceId, String callerId) {
        CommunityAccess.Seen seen = access.visibleForUpdate(communityId, callerId);
        SharedResource resource = find(communityId, resourceId);
        if (!CommunityPolicy.canEditResource(resource, seen.caller(), callerId)) {
            throw ApiProblem.forbidden("Only the author, owners and facilitators can remove this resource");
        }
        resources.delete(resource);
        events.resource(EventTypes.RESOURCE_REMOVED, seen.community(), resource, callerId);
    }

    /**
     * A GUIDE published from a resolved help request; at most one per request, whatever the redeliveries.
     *
     * @return false when the community cannot take it (unknown or archived) or the guide already exists
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean addGuideFromRequest(Community community, UUID requestId, String title, String body,
            List<String> tags, String authorId, String url) {
        if (community.isArchived() || resources.existsForRequest(requestId)) {
            return false;
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        SharedResource guide = new SharedResource();
        guide.id = UUID.randomUUID();
        guide.communityId = community.id;
        guide.type = ResourceType.GUIDE;
        guide.title = truncate(title, 200);
        guide.description = truncate(body == null ? "" : body, 4000);
        guide.tags = Tags.normalizeAll(tags).stream().limit(20).toList();
        guide.url = url;
        guide.sourceRequestId = requestId;
        guide.authorId = authorId;
        guide.createdAt = now;
        guide.updatedAt = now;
        resources.persist(guide);
        events.resource(EventTypes.RESOURCE_ADDED, community, guide, authorId);
        return true;
    }

    private SharedResource find(UUID communityId, UUID resourceId) {
        return resources.findByIdOptional(resourceId).filter(r -> r.communityId.equals(communityId))
                .orElseThrow(() -> ApiProblem.notFound("Resource", resourceId));
    }

    /** LINK, DOCUMENT and COURSE point to an http(s) URL; CONTACT to an active member; GUIDE may have a URL. */
    private void requireTarget(SharedResource resource) {
        if (resource.url != null) {
            requireHttpUrl(resource.url);
        }
        switch (resource.type) {
            case CONTACT -> {
                if (resource.contactUserId == null) {
                    throw ApiProblem.invalid("contactUserId", "is required for a CONTACT");
                }
                if (memberships.find(resource.communityId, resource.contactUserId)
                        .filter(m -> m.isActive()).isEmpty()) {
                    throw ApiProblem.unprocessable("contactUserId", "must be a member of this community");
                }
            }
            case LINK, DOCUMENT, COURSE -> {
                if (resource.url == null) {
                    throw ApiProblem.invalid("url", "is required for a " + resource.type);
                }
                if (resource.contactUserId != null) {
                    throw ApiProblem.invalid("contactUserId", "is only for a CONTACT");
                }
            }
            case GUIDE -> {
                if (resource.contactUserId != null) {
                    throw ApiProblem.invalid("contactUserId", "is only for a CONTACT");
                }
            }
        }
    }

    static void requireHttpUrl(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw ApiProblem.invalid("url", "must be an absolute http or https URL");
            }
        } catch (URISyntaxException e) {
            throw ApiProblem.invalid("url", "must be an absolute http or https URL");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String truncate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }
}
