package io.scaffold.notifications.domain;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;

/**
 * When a person's digest goes out: every day, or every week on one day, at a time of their own day in their zone
 * (daylight saving included: 08:00 stays 08:00 on their wall clock).
 */
public record DigestSchedule(Frequency frequency, LocalTime at, DayOfWeek day, ZoneId zone) {
    public static final LocalTime DEFAULT_TIME = LocalTime.of(8, 0);

    public enum Frequency {
        DAILY, WEEKLY
    }

    public DigestSchedule {
        if (frequency == null || at == null || day == null || zone == null) {
            throw new IllegalArgumentException("a digest schedule needs frequency, time, day and zone");
        }
    }

    /** Daily at 08:00 in the person's zone: what a person gets before choosing. */
    public static DigestSchedule defaults(ZoneId zone) {
        return new DigestSchedule(Frequency.DAILY, DEFAULT_TIME, DayOfWeek.MONDAY, zone);
    }

    /** The latest moment at or before {@code now} when a digest was due. */
    public Instant lastSlot(Instant now) {
        ZonedDateTime local = now.atZone(zone);
        ZonedDateTime slot = local.toLocalDate().atTime(at).atZone(zone);
        if (frequency == Frequency.DAILY) {
            return (slot.isAfter(local) ? slot.minusDays(1) : slot).toInstant();
        }
        ZonedDateTime weekly = local.toLocalDate().with(TemporalAdjusters.previousOrSame(day)).atTime(at).atZone(zone);
        return (weekly.isAfter(local) ? weekly.minusWeeks(1) : weekly).toInstant();
    }

    /** Whether a digest slot came between {@code since} (the oldest item waiting) and {@code now}. */
    public boolean dueFor(Instant since, Instant now) {
        return lastSlot(now).isAfter(since);
    }
}
