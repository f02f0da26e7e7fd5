package io.scaffold.notifications.domain;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * Hours of a person's day, in their own time zone, with no live push (items still land in the inbox). A window whose
 * end is before its start runs over midnight: 22:00-07:00.
 */
public record QuietHours(LocalTime from, LocalTime to, ZoneId zone) {

    public QuietHours {
        if (from.equals(to)) {
            throw new IllegalArgumentException("from and to must differ");
        }
    }

    /** Whether {@code instant} falls in the window, on the person's wall clock (daylight saving included). */
    public boolean covers(Instant instant) {
        LocalTime local = instant.atZone(zone).toLocalTime();
        return from.isBefore(to)
                ? !local.isBefore(from) && local.isBefore(to)
                : !local.isBefore(from) || local.isBefore(to);
    }

    /** The first moment at or after {@code instant} outside the window (the instant itself when it is outside). */
    public Instant endAfter(Instant instant) {
        if (!covers(instant)) {
            return instant;
        }
        java.time.ZonedDateTime local = instant.atZone(zone);
        java.time.ZonedDateTime end = local.toLocalDate().atTime(to).atZone(zone);
        return (end.isAfter(local) ? end : end.plusDays(1)).toInstant();
    }

    /** Live push is held back during quiet hours, except for requests that block someone's work. */
    public static boolean allowsPush(QuietHours quiet, String urgency, Instant now) {
        return quiet == null || "BLOCKING".equals(urgency) || !quiet.covers(now);
    }
}
