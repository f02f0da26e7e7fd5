package io.scaffold.platform.consumer;

import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.PropertiesConfigSource;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Who may publish on a topic, and which failures are worth waiting out. */
class TrustedProducersTest {
    private final TrustedProducers producers = new TrustedProducers(new SmallRyeConfigBuilder()
            .withSources(new PropertiesConfigSource(Map.of("scaffold.consumer.trusted-source.partner.feed",
                    "/partner"), "test", 100)).build());

    private static IncomingEvent from(String source) {
        return new IncomingEvent("id", "scaffold.membership.joined.v1", source, "s", null, "k", null);
    }

    @Test
    void aSuiteTopicIsWrittenOnlyByTheServiceItIsNamedAfter() {
        producers.check("scaffold.communities.events", from("/communities-service"));
        assertThatThrownBy(() -> producers.check("scaffold.communities.events", from("/requests-service")))
                .isInstanceOf(PoisonEventException.class).hasMessageContaining("untrusted producer")
                .hasMessageContaining("/communities-service");
    }

    @Test
    void anotherTopicNeedsItsProducerConfigured() {
        producers.check("partner.feed", from("/partner"));
        assertThatThrownBy(() -> producers.check("other.feed", from("/partner")))
                .isInstanceOf(PoisonEventException.class).hasMessageContaining("no trusted producer");
    }

    @Test
    void anUnavailableDatabaseATimeoutAndADeadlockAreTransientABadValueIsNot() {
        assertThat(TransientFailures.isTransient(new RuntimeException(
                new SQLTransientConnectionException("Sorry, acquisition timeout!")))).isTrue();
        assertThat(TransientFailures.isTransient(new SQLException("terminating connection", "57P01"))).isTrue();
        assertThat(TransientFailures.isTransient(new SQLException("deadlock detected", "40P01"))).isTrue();
        assertThat(TransientFailures.isTransient(new jakarta.persistence.QueryTimeoutException("slow"))).isTrue();
        assertThat(TransientFailures.isTransient(new SQLException("value too long", "22001"))).isFalse();
        assertThat(TransientFailures.isTransient(new IllegalStateException("the effect keeps failing"))).isFalse();
    }
}
