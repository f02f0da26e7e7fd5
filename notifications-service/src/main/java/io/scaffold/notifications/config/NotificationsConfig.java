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

    Limits limits();

    /** What one person may hold at once; past it, 429 with Retry-After. */
    interface Limits {
        /** Open live streams per person on one replica (tabs and devices). */
        @WithDefault("10")
        int streamsPerPerson();

        /** Stream tickets issued and not yet used. */
        @WithDefault("10")
        int unusedTickets();
    }

    /** The live stream (Server-Sent Events). */
    interface Stream {
        /** A comment line this often keeps idle streams open through proxies (set in application.properties). */
        Duration heartbeat();

        /** How long a stream ticket stays valid before its first use. */
        @WithDefault("PT1M")
        Duration ticketTtl();

        /**
         * After its first use a ticket is the credential of that stream's reconnects (same URL, with
         * Last-Event-ID): allowed while the stream is open and for this long after it drops.
         */
        @WithDefault("PT2M")
        Duration resumeWindow();

        /** No reconnect with a ticket after this long since it was issued: the app asks for a new ticket. */
        @WithDefault("PT12H")
        Duration ticketMaxAge();

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
