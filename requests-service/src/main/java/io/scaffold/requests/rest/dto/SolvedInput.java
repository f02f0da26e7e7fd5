package io.scaffold.requests.rest.dto;

import io.scaffold.requests.domain.SolutionKind;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.UUID;

/** "This solved it": a suggestion solved the caller's problem without asking. */
@Schema(name = "SolvedInput")
public record SolvedInput(
        @NotNull @Schema(required = true) SolutionKind kind,
        @NotNull @Schema(required = true, description = "The request's or resource's id") UUID id,
        @Size(max = 200) @Schema(maxLength = 200, description = "The words the caller searched") String query) {
}
