package io.scaffold.notifications.domain;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * A person's digest settings as they chose them: {@code timeZone} null means "the zone my sign-in says" (the
 * token's {@code zoneinfo}), else UTC.
 */
public record DigestChoice(DigestSchedule.Frequency frequency, LocalTime at, DayOfWeek day, ZoneId timeZone) {

    public static DigestChoice defaults() {
        return new DigestChoice(DigestSchedule.Frequency.DAILY, DigestSchedule.DEFAULT_TIME, DayOfWeek.MONDAY, null);
    }
}
