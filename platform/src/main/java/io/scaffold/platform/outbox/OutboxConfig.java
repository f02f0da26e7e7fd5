package io.scaffold.platform.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How the outbox relay publishes and cleans up ({@code scaffold.outbox.*}). */
@ConfigMapping(prefix = "scaffold.outbox")
public interface OutboxConfig {

    /** CloudEvents {@code source} of every event this service publishes, e.g. {@code /communities-service}. */
    String source();

    /** Whether this instance runs the relay (several replicas may; rows are claimed with SKIP LOCKED). */
    @WithDefault("true")
    boolean relayEnabled();

    /** Rows claimed per relay pass. */
    @WithDefault("200")
    int batchSize();

    /** How often the relay looks for rows when nothing woke it up (a commit that records an event wakes it). */
    @WithDefault("1s")
    Duration pollInterval();

    /** How long the relay waits for the broker to acknowledge one pass. */
    @WithDefault("20s")
    Duration sendTimeout();

    /** First wait after a failed pass or row; doubles on each failure up to {@link #maxBackoff()}. */
    @WithDefault("500ms")
    Duration initialBackoff();

    @WithDefault("30s")
    Duration maxBackoff();

    /** How long sent rows are kept before clean-up. */
    @WithDefault("P7D")
    Duration retention();
}
