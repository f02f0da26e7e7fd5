package io.scaffold.platform.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** An RFC 9457 problem document, the body of every 4xx and 5xx answer. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = "Problem", description = "RFC 9457 problem details")
public record ProblemDetail(
        @Schema(example = "urn:scaffold:problem:validation") String type,
        @Schema(example = "Invalid request") String title,
        @Schema(example = "400") int status,
        @Schema(example = "name: must not be blank") String detail,
        @Schema(example = "/api/communities") String instance,
        @Schema(description = "Field-level errors, for invalid input") List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
}
