package io.scaffold.requests.rest.dto;

import io.scaffold.requests.domain.ResponseKind;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** An ANSWER (optionally with links to resources) or an OFFER to talk it through. */
@Schema(name = "CreateResponse")
public record CreateResponse(
        @NotNull ResponseKind kind,
        @NotBlank @Size(max = 10000) @Schema(example = "Check max.poll.records; the handler is slower than the rate")
        String text,
        @Size(max = 10) List<@NotNull @Size(max = 2000)
                @Pattern(regexp = "^https?://[^\\s/?#]+[^\\s]*$", message = "must be an http or https URL")
                String> links) {
}
