package io.scaffold.notifications.domain;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

class DigestScheduleTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Test
    void aDailyDigestIsDueOnceItsTimeOnThePersonsClockCameAfterTheOldestWaitingItem() {
        DigestSchedule daily = DigestSchedule.defaults(PARIS); // 08:00 Paris = 07:00 UTC in January
        Instant itemAt = Instant.parse("2026-01-15T09:00:00Z");
        assertThat(daily.dueFor(itemAt, Instant.parse("2026-01-16T06:59:00Z"))).isFalse();
        assertThat(daily.dueFor(itemAt, Instant.parse("2026-01-16T07:00:00Z"))).isTrue();
        // an item that arrived just before the slot goes in that morning's digest
        assertThat(daily.dueFor(Instant.parse("2026-01-16T06:30:00Z"), Instant.parse("2026-01-16T07:01:00Z")))
                .isTrue();
    }

    @Test
    void theSlotKeepsToTheWallClockAcrossADaylightSavingChange() {
        DigestSchedule daily = DigestSchedule.defaults(PARIS);
        // 29 March 2026: Paris moves to UTC+2, so 08:00 is 06:00 UTC
        assertThat(daily.lastSlot(Instant.parse("2026-03-29T06:30:00Z")))
                .isEqualTo(Instant.parse("2026-03-29T06:00:00Z"));
        assertThat(daily.lastSlot(Instant.parse("2026-03-28T06:30:00Z")))
                .isEqualTo(Instant.parse("2026-03-27T07:00:00Z"));
    }

    @Test
    void aWeeklyDigestWaitsForItsDay() {
        DigestSchedule weekly = new DigestSchedule(DigestSchedule.Frequency.WEEKLY, LocalTime.of(9, 0),
                DayOfWeek.MONDAY, ZoneId.of("UTC"));
        Instant wednesday = Instant.parse("2026-01-14T10:00:00Z");
        assertThat(weekly.dueFor(wednesday, Instant.parse("2026-01-18T23:00:00Z"))).isFalse(); // Sunday
        assertThat(weekly.dueFor(wednesday, Instant.parse("2026-01-19T08:59:00Z"))).isFalse();
        assertThat(weekly.dueFor(wednesday, Instant.parse("2026-01-19T09:00:00Z"))).isTrue(); // Monday 09:00
        assertThat(weekly.lastSlot(Instant.parse("2026-01-19T09:00:00Z")))
                .isEqualTo(Instant.parse("2026-01-19T09:00:00Z"));
    }
}
