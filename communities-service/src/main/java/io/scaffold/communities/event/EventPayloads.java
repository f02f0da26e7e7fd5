package io.scaffold.communities.event;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/**
 * The data of each event: enough for a consumer to act without calling back (ids, names, visibility, roles, the
 * actor). Their JSON Schemas live in {@code src/main/resources/schemas}.
 */
public final class EventPayloads {
    private EventPayloads() {
    }

    /** community created / updated / archived. */
    public record CommunityChanged(String communityId, String communityName, String description, String visibility,
            List<String> tags, boolean archived, String actorId, Instant occurredAt) {
    }

    /** membership requested / invited / joined / approved / rejected / left / removed / role-changed. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MembershipChanged(String communityId, String communityName, String visibility, String userId,
            String role, String previousRole, String status, String previousStatus, String actorId,
            Instant occurredAt) {
    }

    public record Skill(String skill, String level) {
    }

    /** member skills updated: the member's whole declared list after the change. */
    public record SkillsChanged(String communityId, String communityName, String visibility, String userId,
            List<Skill> skills, String actorId, Instant occurredAt) {
    }

    /** resource added / updated / removed. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ResourceChanged(String communityId, String communityName, String visibility, String resourceId,
            String type, String title, List<String> tags, String url, String contactUserId, String sourceRequestId,
            String authorId, String actorId, Instant occurredAt) {
    }
}
