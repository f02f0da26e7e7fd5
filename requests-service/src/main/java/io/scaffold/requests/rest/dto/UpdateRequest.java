package io.scaffold.requests.rest.dto;

import io.scaffold.platform.tags.TagRules;
import io.scaffold.requests.domain.Urgency;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** Absent fields keep their value. */
@Schema(name = "UpdateRequest")
public record UpdateRequest(
        @Size(min = 1, max = 200) @Pattern(regexp = NOT_BLANK, message = "must not be blank") String title,
        @Size(min = 1, max = 10000) @Pattern(regexp = NOT_BLANK, message = "must not be blank") String body,
        @Size(max = 10) List<@NotNull @Pattern(regexp = TagRules.PATTERN, message = TagRules.MESSAGE) String> tags,
        Urgency urgency) {
    /**
     * Some non-space character, line breaks allowed. Valid in Java (whole-value match) and in ECMAScript, as clients
     * read JSON Schema patterns; unlike {@code (?s)}, which ECMAScript lacks.
     */
    static final String NOT_BLANK = "[\\s\\S]*\\S[\\s\\S]*";
}
