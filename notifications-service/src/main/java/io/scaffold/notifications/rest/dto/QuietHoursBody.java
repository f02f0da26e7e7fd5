package io.scaffold.notifications.rest.dto;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A daily window on the person's own clock; {@code to} before {@code from} runs over midnight. */
@Schema(name = "QuietHours")
public record QuietHoursBody(
        @Schema(example = "22:00") @NotNull @Pattern(regexp = TIME, message = MESSAGE) String from,
        @Schema(example = "07:00") @NotNull @Pattern(regexp = TIME, message = MESSAGE) String to,
        @Schema(description = "IANA time zone", example = "Europe/Paris") @NotNull @Size(min = 1, max = 64)
        String timeZone) {
    /** Anchored, so that clients reading it as a JSON Schema pattern (a search) match the whole value too. */
    static final String TIME = "^([01][0-9]|2[0-3]):[0-5][0-9]$";
    static final String MESSAGE = "must be a time of day as HH:mm";
}
