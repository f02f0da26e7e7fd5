package io.scaffold.notifications.rest.dto;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** When the e-mail digest goes out, on the person's own clock. Fields left out take their defaults. */
@Schema(name = "DigestSchedule")
public record DigestBody(
        @Schema(description = "DAILY (default) or WEEKLY", enumeration = {"DAILY", "WEEKLY"}, example = "DAILY")
        @Pattern(regexp = "^(DAILY|WEEKLY)$", message = "must be DAILY or WEEKLY") String frequency,
        @Schema(description = "Time of day (default 08:00)", example = "08:00")
        @Pattern(regexp = QuietHoursBody.TIME, message = QuietHoursBody.MESSAGE) String at,
        @Schema(description = "For WEEKLY: the day (default MONDAY)", enumeration = {"MONDAY", "TUESDAY", "WEDNESDAY",
                "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"}, example = "MONDAY")
        @Pattern(regexp = "^(MONDAY|TUESDAY|WEDNESDAY|THURSDAY|FRIDAY|SATURDAY|SUNDAY)$",
                message = "must be a day of the week such as MONDAY") String dayOfWeek,
        @Schema(nullable = true, description = "IANA time zone; null: the zone your sign-in gives (the token's "
                + "zoneinfo claim), else UTC", example = "Europe/Paris")
        @Size(min = 1, max = 64) String timeZone) {
}
