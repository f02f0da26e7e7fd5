package io.scaffold.communities.rest.dto;

import io.scaffold.platform.tags.TagRules;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** A partial update: absent (null) fields keep their value; the type cannot change. */
@Schema(name = "UpdateResource", example = "{\"title\": \"Consumer lag runbook (2025)\", \"tags\": [\"kafka\"], "
        + "\"url\": \"https://wiki.example.com/kafka/lag-v2\"}")
public record UpdateResource(
        @Size(min = 1, max = 200) @Pattern(regexp = "^.*\\S.*$", message = "must not be blank")
        @Schema(example = "Consumer lag runbook (2025)") String title,
        @Size(max = 4000) @Schema(example = "Updated for the new consumer group protocol")
        String description,
        @Size(max = 20) @Schema(example = "[\"kafka\"]")
        List<@NotNull @Pattern(regexp = TagRules.PATTERN, message = TagRules.MESSAGE) String> tags,
        @Size(max = 2000) @Schema(example = "https://wiki.example.com/kafka/lag-v2") String url,
        @Size(max = 128) @Schema(description = "CONTACT only: the member to talk to", example = "alice")
        String contactUserId) {
}
