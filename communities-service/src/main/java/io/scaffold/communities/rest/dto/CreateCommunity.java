package io.scaffold.communities.rest.dto;

import io.scaffold.platform.tags.TagRules;
import io.scaffold.communities.domain.Visibility;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

@Schema(name = "CreateCommunity")
public record CreateCommunity(
        @NotBlank @Size(max = 100) @Schema(example = "Kafka practitioners") String name,
        @Size(max = 4000) @Schema(example = "Running Kafka in production: patterns, incidents, help") String description,
        @NotNull @Schema(example = "PUBLIC") Visibility visibility,
        @Size(max = 20) @Schema(example = "[\"kafka\", \"streaming\"]")
        List<@NotNull @Pattern(regexp = TagRules.PATTERN, message = TagRules.MESSAGE) String> tags) {
}
