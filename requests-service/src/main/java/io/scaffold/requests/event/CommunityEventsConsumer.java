package io.scaffold.requests.event;

import com.fasterxml.jackson.databind.JsonNode;
import io.scaffold.platform.consumer.IdempotentConsumer;
import io.scaffold.platform.deadletter.ReplayableConsumer;
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
 * is applied once (the platform's idempotent consumer) and poison goes to {@code scaffold.requests.dlq}.
 */
@ApplicationScoped
public class CommunityEventsConsumer implements ReplayableConsumer {
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
            default -> {
                // requests, invitations and rejections give nobody access; other types are not ours to know
            }
        }
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
