package io.scaffold.requests.service;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ReopenWindowWordsTest {

    @Test
    void theReopenWindowIsSaidInTheLargestWholeUnit() {
        assertThat(RequestService.spoken(Duration.ofDays(7))).isEqualTo("7 days");
        assertThat(RequestService.spoken(Duration.ofDays(1))).isEqualTo("1 day");
        assertThat(RequestService.spoken(Duration.ofHours(12))).isEqualTo("12 hours");
        assertThat(RequestService.spoken(Duration.ofMinutes(90))).isEqualTo("90 minutes");
        assertThat(RequestService.spoken(Duration.ofSeconds(2))).isEqualTo("1 minute");
    }
}
