package io.scaffold.communities.rest.dto;

import io.scaffold.platform.tags.TagRules;
import io.scaffold.communities.domain.SkillLevel;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Skill")
public record SkillView(
        @NotNull @Pattern(regexp = TagRules.PATTERN, message = TagRules.MESSAGE) @Schema(example = "kafka-streams")
        String skill,
        @NotNull @Schema(example = "EXPERT") SkillLevel level) {
}
