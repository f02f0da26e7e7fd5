package io.scaffold.notifications.service;

import org.junit.jupiter.api.Test;

import java.time.Duration;

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
}
