package io.scaffold.notifications.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QuietHoursTest {
    private static final QuietHours PARIS_NIGHTS = new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0),
            ZoneId.of("Europe/Paris"));

    @Test
    void aWindowOverMidnightCoversTheLateEveningAndTheEarlyMorningOnThePersonsOwnClock() {
        // 21:30 UTC in January is 22:30 in Paris; 06:30 UTC is 07:30
        assertThat(PARIS_NIGHTS.covers(Instant.parse("2026-01-15T21:30:00Z"))).isTrue();
        assertThat(PARIS_NIGHTS.covers(Instant.parse("2026-01-15T05:59:00Z"))).isTrue();
        assertThat(PARIS_NIGHTS.covers(Instant.parse("2026-01-15T06:00:00Z"))).isFalse();
        assertThat(PARIS_NIGHTS.covers(Instant.parse("2026-01-15T12:00:00Z"))).isFalse();
    }

    @Test
    void theSameInstantIsQuietInOneTimeZoneAndNotInAnother() {
        Instant instant = Instant.parse("2026-03-02T23:00:00Z"); // 00:00 in Paris, 18:00 in New York, 08:00 in Tokyo
        QuietHours newYork = new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0), ZoneId.of("America/New_York"));
        QuietHours tokyo = new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0), ZoneId.of("Asia/Tokyo"));
        assertThat(PARIS_NIGHTS.covers(instant)).isTrue();
        assertThat(newYork.covers(instant)).isFalse();
        assertThat(tokyo.covers(instant)).isFalse();
    }

    @Test
    void daylightSavingTimeMovesTheWindowWithTheWallClock() {
        // 21:30 UTC: 22:30 in Paris in winter (UTC+1), 23:30 in summer (UTC+2); 20:30 UTC: 21:30 / 22:30
        assertThat(PARIS_NIGHTS.covers(Instant.parse("2026-01-15T20:30:00Z"))).isFalse();
        assertThat(PARIS_NIGHTS.covers(Instant.parse("2026-07-15T20:30:00Z"))).isTrue();
    }

    @Test
    void aDaytimeWindowCoversFromItsStartUpToButNotIncludingItsEnd() {
        QuietHours focus = new QuietHours(LocalTime.of(9, 0), LocalTime.of(12, 0), ZoneId.of("UTC"));
        assertThat(focus.covers(Instant.parse("2026-05-01T09:00:00Z"))).isTrue();
        assertThat(focus.covers(Instant.parse("2026-05-01T11:59:59Z"))).isTrue();
        assertThat(focus.covers(Instant.parse("2026-05-01T12:00:00Z"))).isFalse();
        assertThat(focus.covers(Instant.parse("2026-05-01T08:59:59Z"))).isFalse();
    }

    @Test
    void onlyBlockingRequestsArePushedDuringQuietHours() {
        Instant night = Instant.parse("2026-01-15T23:00:00Z");
        assertThat(QuietHours.allowsPush(PARIS_NIGHTS, "HIGH", night)).isFalse();
        assertThat(QuietHours.allowsPush(PARIS_NIGHTS, null, night)).isFalse();
        assertThat(QuietHours.allowsPush(PARIS_NIGHTS, "BLOCKING", night)).isTrue();
        assertThat(QuietHours.allowsPush(null, "LOW", night)).isTrue();
    }

    @Test
    void aWindowMustHaveALength() {
        assertThatThrownBy(() -> new QuietHours(LocalTime.NOON, LocalTime.NOON, ZoneId.of("UTC")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void heldMailGoesOutWhenTheWindowEndsOnThePersonsClockThatMorningOrTheNext() {
        // 22:30 in Paris (January): the window ends at 07:00 the next morning, 06:00 UTC
        assertThat(PARIS_NIGHTS.endAfter(Instant.parse("2026-01-15T21:30:00Z")))
                .isEqualTo(Instant.parse("2026-01-16T06:00:00Z"));
        // 05:00 in Paris: it ends at 07:00 the same morning
        assertThat(PARIS_NIGHTS.endAfter(Instant.parse("2026-01-15T04:00:00Z")))
                .isEqualTo(Instant.parse("2026-01-15T06:00:00Z"));
        // outside the window: now
        assertThat(PARIS_NIGHTS.endAfter(Instant.parse("2026-01-15T12:00:00Z")))
                .isEqualTo(Instant.parse("2026-01-15T12:00:00Z"));
    }
}
