package io.scaffold.notifications.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Webhook endpoints and their deliveries ({@code scaffold.notifications.webhooks.*}). */
@ConfigMapping(prefix = "scaffold.notifications.webhooks")
public interface WebhooksConfig {
    /** The role that registers and manages the organisation's endpoints. */
    @WithDefault("integration-admin")
    String adminRole();

    /** Endpoints one organisation may register. */
    @WithDefault("100")
    int maxEndpoints();

    /**
     * Hosts that may be private or loopback, and reached over plain http (the local stack: localhost). Everything
     * else must be https to a public address, checked when registered and again at each delivery.
     */
    Optional<List<String>> allowedPrivateHosts();

    @WithDefault("PT5S")
    Duration connectTimeout();

    /** The longest wait for the receiver's response once connected. */
    @WithDefault("PT10S")
    Duration readTimeout();

    /** Of a response body, only this much is read (and kept in the delivery log). */
    @WithDefault("1024")
    int maxResponseBytes();

    /** Retries go on this long after the event; an endpoint whose delivery fails past it is disabled. */
    @WithDefault("PT24H")
    Duration retryFor();

    /** The wait after the first failure, doubled after each one (with jitter), up to {@link #maxBackoff()}. */
    @WithDefault("PT10S")
    Duration initialBackoff();

    @WithDefault("PT1H")
    Duration maxBackoff();

    /** How long the replaced secret still verifies after a rotation, unless the rotation says otherwise. */
    @WithDefault("PT24H")
    Duration rotationOverlap();

    /** Deliveries in flight from one replica, all endpoints together. */
    @WithDefault("256")
    int maxInFlight();

    /** Deliveries in flight to one endpoint: a slow receiver holds no more than this. */
    @WithDefault("16")
    int maxInFlightPerEndpoint();

    /** How often due deliveries are looked for when no new event woke the dispatcher. */
    @WithDefault("PT1S")
    Duration pollInterval();

    /** How long deliveries stay in the log (and held ones of a turned-off endpoint wait) before they are deleted. */
    @WithDefault("P7D")
    Duration logRetention();

    /** Whether this replica sends deliveries (off: it records them only, another replica sends). */
    @WithDefault("true")
    boolean dispatcherEnabled();
}
