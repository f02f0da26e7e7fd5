package io.scaffold.communities.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.scaffold.communities.domain.SkillLevel;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Expert")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExpertView(
        @Schema(example = "alice") String userId,
        @Schema(description = "Declared level; absent when the skill was only earned by accepted help",
                example = "EXPERT") SkillLevel level,
        @Schema(description = "Help on this skill that requesters accepted", example = "3") int acceptedHelp,
        @Schema(description = "1 for the best match", example = "1") int rank) {
}
