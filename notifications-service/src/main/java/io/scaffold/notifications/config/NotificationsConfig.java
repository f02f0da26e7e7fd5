package io.scaffold.notifications.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Settings of notifications-service ({@code scaffold.notifications.*}). */
@ConfigMapping(prefix = "scaffold.notifications")
public interface NotificationsConfig {

    @WithDefault("20")
    int defaultPageSize();

    @WithDefault("100")
    int maxPageSize();

    Stream stream();

    /** The live stream (Server-Sent Events). */
    interface Stream {
        /** A comment line this often keeps idle streams open through proxies (set in application.properties). */
        Duration heartbeat();

        /** How long a stream ticket stays valid (it is single-use). */
        @WithDefault("PT1M")
        Duration ticketTtl();

        /** At most this many missed items are replayed on a reconnect; beyond, the client is told to reload. */
        @WithDefault("500")
        int replayLimit();

        /** The client's reconnect delay, sent as the stream's {@code retry} field. */
        @WithDefault("PT3S")
        Duration retry();

        /** Pause before the listener reconnects to PostgreSQL after losing its connection. */
        @WithDefault("PT1S")
        Duration listenerBackoff();
    }
}
