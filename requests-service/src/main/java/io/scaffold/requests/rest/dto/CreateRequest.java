package io.scaffold.requests.rest.dto;

import io.scaffold.platform.tags.TagRules;
import io.scaffold.requests.domain.Urgency;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

/** A request for help. Without {@code communityId} every signed-in person can see it. */
@Schema(name = "CreateRequest")
public record CreateRequest(
        @NotBlank @Size(max = 200) @Schema(example = "Consumer lag keeps growing on the orders topic") String title,
        @NotBlank @Size(max = 10000) @Schema(example = "Since this morning lag grows by 10k/min; we scaled pods...")
        String body,
        @Size(max = 10) @Schema(example = "[\"kafka\", \"consumer-lag\"]")
        List<@NotNull @Pattern(regexp = TagRules.PATTERN, message = TagRules.MESSAGE) String> tags,
        @Schema(description = "Default NORMAL") Urgency urgency,
        @Schema(description = "Ask within this community (the caller must be a member)") UUID communityId,
        @Schema(description = "Hide the requester's identity from everyone else") Boolean anonymous) {
}
