package io.scaffold.communities.rest.dto;

import io.scaffold.platform.tags.TagRules;
import io.scaffold.communities.domain.Visibility;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** A partial update: absent (null) fields keep their value. */
@Schema(name = "UpdateCommunity")
public record UpdateCommunity(
        @Size(min = 1, max = 100) @Pattern(regexp = "^.*\\S.*$", message = "must not be blank")
        @Schema(example = "Stream processing") String name,
        @Size(max = 4000) @Schema(example = "Kafka Streams, Flink and friends: design reviews and war stories")
        String description,
        @Schema(example = "PRIVATE") Visibility visibility,
        @Size(max = 20) @Schema(example = "[\"kafka\"]")
        List<@NotNull @Pattern(regexp = TagRules.PATTERN, message = TagRules.MESSAGE) String> tags) {
}
