package io.scaffold.communities.rest.dto;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** The member's whole skill list: it replaces the previous one. */
@Schema(name = "SkillsUpdate")
public record SkillsUpdate(
        @NotNull @Size(max = 30)
        @Schema(example = "[{\"skill\": \"kafka\", \"level\": \"EXPERT\"}, "
                + "{\"skill\": \"kafka-streams\", \"level\": \"PRACTITIONER\"}]")
        List<@NotNull @Valid SkillView> skills) {
}
