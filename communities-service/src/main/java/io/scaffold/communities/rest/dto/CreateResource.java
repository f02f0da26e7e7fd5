package io.scaffold.communities.rest.dto;

import io.scaffold.platform.tags.TagRules;
import io.scaffold.communities.domain.ResourceType;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** LINK, DOCUMENT and COURSE need an http(s) {@code url}; CONTACT needs a member's {@code contactUserId}. */
@Schema(name = "CreateResource", example = "{\"type\": \"LINK\", \"title\": \"Consumer lag runbook\", "
        + "\"description\": \"What to check first when consumer lag grows after a deploy\", "
        + "\"tags\": [\"kafka\", \"consumer-lag\"], \"url\": \"https://wiki.example.com/kafka/lag\"}")
public record CreateResource(
        @NotNull @Schema(example = "LINK") ResourceType type,
        @NotBlank @Size(max = 200) @Schema(example = "Consumer lag runbook") String title,
        @Size(max = 4000) @Schema(example = "What to check first when consumer lag grows after a deploy")
        String description,
        @Size(max = 20) @Schema(example = "[\"kafka\", \"consumer-lag\"]")
        List<@NotNull @Pattern(regexp = TagRules.PATTERN, message = TagRules.MESSAGE) String> tags,
        @Size(max = 2000) @Schema(example = "https://wiki.example.com/kafka/lag") String url,
        @Size(max = 128) @Schema(description = "CONTACT only: the member to talk to", example = "alice")
        String contactUserId) {
}
