package io.scaffold.communities.rest.dto;

import io.scaffold.communities.domain.SkillLevel;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Expert")
public record ExpertView(
        @Schema(example = "alice") String userId,
        @Schema(nullable = true, description = "Declared level; null when the skill was only earned by accepted help",
                example = "EXPERT") SkillLevel level,
        @Schema(description = "Help on this skill that requesters accepted", example = "3") int acceptedHelp,
        @Schema(description = "1 for the best match", example = "1") int rank) {
}
