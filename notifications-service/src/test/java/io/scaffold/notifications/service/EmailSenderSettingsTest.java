package io.scaffold.notifications.service;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmailSenderSettingsTest {

    @Test
    void aSendTimeoutShorterThanTheLeaseIsAccepted() {
        assertThatCode(() -> EmailSender.requireSendTimeoutWithinLease(Duration.ofSeconds(60), Duration.ofMinutes(2)))
                .doesNotThrowAnyException();
    }

    @Test
    void aSendTimeoutAsLongAsTheLeaseIsRefusedAtStartupNamingBothSettings() {
        assertThatThrownBy(() -> EmailSender.requireSendTimeoutWithinLease(Duration.ofMinutes(2),
                Duration.ofMinutes(2))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("send-timeout").hasMessageContaining("lease");
    }

    @Test
    void anAddressNotKnownYetIsLookedForAgainAfterAsLongAsTheMessageWaitedBetweenOneSecondAndOneMinute() {
        Instant queued = Instant.parse("2026-12-02T10:00:00Z");
        assertThat(EmailSender.addressRecheck(queued, queued.plusMillis(300))).isEqualTo(Duration.ofSeconds(1));
        assertThat(EmailSender.addressRecheck(queued, queued.plusSeconds(5))).isEqualTo(Duration.ofSeconds(5));
        assertThat(EmailSender.addressRecheck(queued, queued.plusSeconds(600))).isEqualTo(Duration.ofMinutes(1));
    }
}
