package io.scaffold.communities.rest.dto;

import io.scaffold.platform.tags.TagRules;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** A partial update: absent (null) fields keep their value; the type cannot change. */
@Schema(name = "UpdateResource")
public record UpdateResource(
        @Size(min = 1, max = 200) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String title,
        @Size(max = 4000) String description,
        @Size(max = 20) List<@NotNull @Pattern(regexp = TagRules.PATTERN, message = TagRules.MESSAGE) String> tags,
        @Size(max = 2000) String url,
        @Size(max = 128) String contactUserId) {
}
