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

    /**
     * snapshot: one page of a community restated in full. Each section present holds exactly the members (by user
     * id, byte order) or resources (by id) whose keys lie in (after, through]; a null bound is open.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CommunitySnapshot(String snapshotId, String communityId, String communityName, String visibility,
            List<String> tags, boolean archived, int part, boolean lastPart, MemberPage members,
            ResourcePage resources, Instant occurredAt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MemberPage(String after, String through, List<SnapshotMember> items) {
    }

    public record SnapshotMember(String userId, String role, List<Skill> skills) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ResourcePage(String after, String through, List<SnapshotResource> items) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SnapshotResource(String resourceId, String type, String title, List<String> tags, String url,
            String contactUserId, String sourceRequestId, String authorId) {
    }
}
