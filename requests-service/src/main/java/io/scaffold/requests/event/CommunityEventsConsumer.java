package io.scaffold.requests.event;

import com.fasterxml.jackson.databind.JsonNode;
import io.scaffold.platform.consumer.IdempotentConsumer;
import io.scaffold.platform.deadletter.ReplayableConsumer;
import io.scaffold.platform.projection.RebuildableProjection;
import io.scaffold.platform.consumer.IncomingEvent;
import io.scaffold.platform.consumer.PoisonEventException;
import io.scaffold.platform.tags.Tags;
import io.scaffold.requests.domain.SkillLevel;
import io.scaffold.requests.repository.CommunityDirectory;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.Set;

/**
 * Keeps the local projection of communities, active memberships, roles, member skills and resources from
 * communities-service's events. Records are keyed by community id, so one community's events arrive in order; each
 * is applied once (the platform's idempotent consumer) and poison goes to {@code scaffold.requests.dlq}. Every event
 * sets state (never adds to it), so the projection can be rebuilt from the topic (operators' API, projection
 * {@code communities}), whose periodic snapshots restate each community in full.
 */
@ApplicationScoped
public class CommunityEventsConsumer implements ReplayableConsumer, RebuildableProjection {
    static final String SNAPSHOT = "scaffold.community.snapshot.v1";
    static final String CONSUMER = "requests-service";

    private final IdempotentConsumer consumer;
    private final CommunityDirectory directory;

    public CommunityEventsConsumer(IdempotentConsumer consumer, CommunityDirectory directory) {
        this.consumer = consumer;
        this.directory = directory;
    }

    @Incoming("communities-events")
    @Blocking
    public void onEvent(ConsumerRecord<String, String> record) {
        consumer.handle(CONSUMER, record, this::apply);
    }

    void apply(IncomingEvent event) {
        project(event);
    }

    @Override
    public String projection() {
        return "communities";
    }

    @Override
    public void clear() {
        directory.clear();
    }

    @Override
    public boolean project(IncomingEvent event) {
        JsonNode data = event.data();
        switch (event.type()) {
            case "scaffold.community.created.v1", "scaffold.community.updated.v1", "scaffold.community.archived.v1" ->
                    directory.upsertCommunity(uuid(data, "communityId"), text(data, "communityName"),
                            text(data, "visibility"), tags(data.path("tags")), data.path("archived").asBoolean(false));
            case "scaffold.membership.joined.v1", "scaffold.membership.approved.v1",
                    "scaffold.membership.role-changed.v1" -> {
                UUID communityId = knowCommunity(data);
                directory.upsertMember(communityId, text(data, "userId"), text(data, "role"));
            }
            case "scaffold.membership.left.v1", "scaffold.membership.removed.v1" ->
                    directory.removeMember(uuid(data, "communityId"), text(data, "userId"));
            case "scaffold.member-skills.updated.v1" -> directory.replaceSkills(knowCommunity(data),
                    text(data, "userId"), skills(data.path("skills")));
            case "scaffold.resource.added.v1", "scaffold.resource.updated.v1" ->
                    directory.upsertResource(uuid(data, "resourceId"), knowCommunity(data), text(data, "type"),
                            text(data, "title"), tags(data.path("tags")), data.path("url").asText(null));
            case "scaffold.resource.removed.v1" -> directory.removeResource(uuid(data, "resourceId"));
            case SNAPSHOT -> restate(data);
            default -> {
                // requests, invitations and rejections give nobody access; other types are not ours to know
                return false;
            }
        }
        return true;
    }

    /**
     * One page of a community's snapshot: the community itself, and for each section it carries, exactly the members
     * (with their skills) or resources whose keys lie in the page's range.
     */
    private void restate(JsonNode data) {
        UUID communityId = uuid(data, "communityId");
        directory.upsertCommunity(communityId, text(data, "communityName"), text(data, "visibility"),
                tags(data.path("tags")), data.path("archived").asBoolean(false));
        JsonNode members = data.path("members");
        if (members.isObject()) {
            List<String> kept = new ArrayList<>();
            for (JsonNode member : members.path("items")) {
                String userId = text(member, "userId");
                kept.add(userId);
                directory.upsertMember(communityId, userId, text(member, "role"));
                directory.replaceSkills(communityId, userId, skills(member.path("skills")));
            }
            directory.retainMembers(communityId, members.path("after").asText(null),
                    members.path("through").asText(null), kept);
        }
        JsonNode resources = data.path("resources");
        if (resources.isObject()) {
            List<UUID> kept = new ArrayList<>();
            for (JsonNode resource : resources.path("items")) {
                UUID resourceId = uuid(resource, "resourceId");
                kept.add(resourceId);
                directory.upsertResource(resourceId, communityId, text(resource, "type"), text(resource, "title"),
                        tags(resource.path("tags")), resource.path("url").asText(null));
            }
            directory.retainResources(communityId, optionalUuid(resources, "after"),
                    optionalUuid(resources, "through"), kept);
        }
    }

    private static UUID optionalUuid(JsonNode data, String field) {
        return data.hasNonNull(field) ? uuid(data, field) : null;
    }

    /** Membership and content events also carry the community's name and visibility: keep them current. */
    private UUID knowCommunity(JsonNode data) {
        UUID communityId = uuid(data, "communityId");
        directory.touchCommunity(communityId, text(data, "communityName"), text(data, "visibility"));
        return communityId;
    }

    private static List<CommunityDirectory.Skill> skills(JsonNode skills) {
        List<CommunityDirectory.Skill> result = new ArrayList<>();
        for (JsonNode skill : skills) {
            String name = Tags.normalize(skill.path("skill").asText(""));
            if (name == null) {
                throw new PoisonEventException("invalid skill " + skill);
            }
            try {
                result.add(new CommunityDirectory.Skill(name, SkillLevel.valueOf(skill.path("level").asText())
                        .weight()));
            } catch (IllegalArgumentException e) {
                throw new PoisonEventException("unknown skill level " + skill.path("level").asText());
            }
        }
        return result;
    }

    private static List<String> tags(JsonNode tags) {
        if (!tags.isArray()) {
            return List.of();
        }
        List<String> raw = new ArrayList<>();
        tags.forEach(tag -> raw.add(tag.asText()));
        return Tags.normalizeAll(raw);
    }

    private static String text(JsonNode data, String field) {
        String value = data.path(field).asText(null);
        if (value == null || value.isBlank()) {
            throw new PoisonEventException("event data has no " + field);
        }
        return value;
    }

    private static UUID uuid(JsonNode data, String field) {
        try {
            return UUID.fromString(text(data, field));
        } catch (IllegalArgumentException e) {
            throw new PoisonEventException(field + " is not a UUID: " + data.path(field).asText());
        }
    }

    @Override
    public Set<String> topics() {
        return Set.of("scaffold.communities.events");
    }

    /** A dead letter replayed by an operator takes the same idempotent path as a record from the channel. */
    @Override
    public boolean replay(ConsumerRecord<String, String> record) {
        return consumer.handle(CONSUMER, record, this::apply);
    }
}
