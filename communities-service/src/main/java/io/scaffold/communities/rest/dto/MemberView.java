package io.scaffold.communities.rest.dto;

import io.scaffold.communities.domain.MembershipStatus;
import io.scaffold.communities.domain.Role;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

@Schema(name = "Member")
public record MemberView(
        @Schema(example = "alice") String userId,
        @Schema(example = "MEMBER") Role role,
        @Schema(example = "ACTIVE") MembershipStatus status,
        @Schema(example = "2025-03-14T09:30:00Z") Instant since,
        @Schema(example = "[{\"skill\": \"kafka-streams\", \"level\": \"EXPERT\"}]") List<SkillView> skills) {
}
