package io.scaffold.requests.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EscalationLadderTest {
    private static final Instant CREATED = Instant.parse("2026-11-22T09:00:00Z");
    private final EscalationLadder blocking = new EscalationLadder(List.of(Duration.ofMinutes(15), Duration.ofHours(1),
            Duration.ofHours(4)));

    @Test
    void rungsAreDueAtTheirDelayAfterCreationWhateverHappenedSince() {
        assertThat(blocking.nextDue(CREATED, 0)).isEqualTo(Instant.parse("2026-11-22T09:15:00Z"));
        assertThat(blocking.nextDue(CREATED, 1)).isEqualTo(Instant.parse("2026-11-22T10:00:00Z"));
        assertThat(blocking.nextDue(CREATED, 2)).isEqualTo(Instant.parse("2026-11-22T13:00:00Z"));
        assertThat(blocking.nextDue(CREATED, 3)).isNull();
    }

    @Test
    void theStepsWidenFromHelpersToFacilitatorsToTheDesk() {
        assertThat(blocking.nextStep(0)).isEqualTo(EscalationStep.NEXT_HELPERS);
        assertThat(blocking.nextStep(1)).isEqualTo(EscalationStep.FACILITATORS);
        assertThat(blocking.nextStep(2)).isEqualTo(EscalationStep.LD_DESK);
        assertThat(blocking.nextStep(3)).isNull();
    }

    @Test
    void aShorterLadderStopsEarlierAndALongerOneIsRejected() {
        EscalationLadder one = new EscalationLadder(List.of(Duration.ofDays(1)));
        assertThat(one.nextStep(1)).isNull();
        assertThat(one.nextDue(CREATED, 1)).isNull();
        assertThatThrownBy(() -> new EscalationLadder(List.of(Duration.ZERO, Duration.ZERO, Duration.ZERO,
                Duration.ZERO))).isInstanceOf(IllegalArgumentException.class);
    }
}
