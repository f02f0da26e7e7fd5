package io.scaffold.communities.rest.dto;

import io.scaffold.communities.domain.MembershipStatus;
import io.scaffold.communities.domain.Role;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

@Schema(name = "Member")
public record MemberView(
        @Schema(example = "alice") String userId,
        Role role,
        MembershipStatus status,
        Instant since,
        List<SkillView> skills) {
}
