package io.scaffold.notifications.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.scaffold.notifications.repository.MembershipDirectory;
import io.scaffold.platform.consumer.IncomingEvent;
import io.scaffold.platform.consumer.PoisonEventException;
import io.scaffold.platform.projection.RebuildableProjection;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Who belongs to which community with which role, from communities-service's events: the audiences the rule table
 * reads ("the facilitators of X", "the followers of X"). Every event sets state, so it can be rebuilt from the topic
 * (operators' API, projection {@code communities}), whose periodic snapshots restate each community in full.
 */
@ApplicationScoped
public class MembershipProjection implements RebuildableProjection {
    static final String SNAPSHOT = "scaffold.community.snapshot.v1";

    private final MembershipDirectory memberships;

    public MembershipProjection(MembershipDirectory memberships) {
        this.memberships = memberships;
    }

    @Override
    public String projection() {
        return "communities";
    }

    @Override
    public Set<String> topics() {
        return Set.of("scaffold.communities.events");
    }

    @Override
    public void clear() {
        memberships.clear();
    }

    @Override
    public boolean project(IncomingEvent event) {
        return project(event.type(), event.data());
    }

    /** @return whether the type is one this projection keeps */
    public boolean project(String type, JsonNode data) {
        switch (type) {
            case "scaffold.community.created.v1", "scaffold.community.updated.v1" ->
                    memberships.upsertCommunity(uuid(data, "communityId"), text(data, "communityName"),
                            text(data, "visibility"));
            case "scaffold.membership.joined.v1", "scaffold.membership.approved.v1",
                    "scaffold.membership.role-changed.v1" ->
                    memberships.upsertMember(uuid(data, "communityId"), text(data, "userId"), text(data, "role"));
            case "scaffold.membership.left.v1", "scaffold.membership.removed.v1" ->
                    memberships.removeMember(uuid(data, "communityId"), text(data, "userId"));
            case SNAPSHOT -> restate(data);
            default -> {
                return false; // other events change no membership
            }
        }
        return true;
    }

    /** One page of a community's snapshot: exactly the members whose ids lie in the page's range. */
    private void restate(JsonNode data) {
        UUID communityId = uuid(data, "communityId");
        memberships.upsertCommunity(communityId, text(data, "communityName"), text(data, "visibility"));
        JsonNode members = data.path("members");
        if (!members.isObject()) {
            return;
        }
        List<String> kept = new ArrayList<>();
        for (JsonNode member : members.path("items")) {
            String userId = text(member, "userId");
            kept.add(userId);
            memberships.upsertMember(communityId, userId, text(member, "role"));
        }
        memberships.retainMembers(communityId, members.path("after").asText(null),
                members.path("through").asText(null), kept);
    }

    private static UUID uuid(JsonNode data, String field) {
        try {
            return UUID.fromString(text(data, field));
        } catch (IllegalArgumentException e) {
            throw new PoisonEventException(field + " is not a UUID: " + data.path(field).asText());
        }
    }

    private static String text(JsonNode data, String field) {
        String value = data.path(field).asText(null);
        if (value == null || value.isBlank()) {
            throw new PoisonEventException("event data has no " + field);
        }
        return value;
    }
}
