package io.scaffold.platform.outbox;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {
    final Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));

    @Test
    void doublesFromTheInitialDelayAndStopsAtTheCap() {
        assertThat(backoff.afterFailures(0)).isZero();
        assertThat(backoff.afterFailures(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(backoff.afterFailures(2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.afterFailures(4)).isEqualTo(Duration.ofSeconds(4));
        assertThat(backoff.afterFailures(10)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.afterFailures(10_000)).isEqualTo(Duration.ofSeconds(30));
    }
}
