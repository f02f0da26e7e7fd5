package io.scaffold.requests.rest.dto;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Did the help unblock the work, and how much time did it save? */
@Schema(name = "Feedback")
public record FeedbackInput(
        @NotNull Boolean unblocked,
        @Min(0) @Max(100000) @Schema(example = "90") Integer minutesSaved,
        @Size(max = 2000) String comment) {
}
