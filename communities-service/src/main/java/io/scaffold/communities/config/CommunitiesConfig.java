package io.scaffold.communities.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits of the communities API ({@code scaffold.communities.*}). */
@ConfigMapping(prefix = "scaffold.communities")
public interface CommunitiesConfig {

    /** Page size when the client sends no {@code limit}. */
    @WithDefault("20")
    int defaultPageSize();

    /** The largest {@code limit} a client may ask for. */
    @WithDefault("100")
    int maxPageSize();

    /** How many experts {@code /experts} returns at most. */
    @WithDefault("20")
    int maxExperts();

    /** Snapshots: every community restated on the events topic, for consumers that rebuild their projections. */
    Snapshot snapshot();

    interface Snapshot {
        /**
         * How often a snapshot runs by itself; at most half the events topic's retention (14 days), so that the
         * topic always holds a complete one.
         */
        @WithDefault("P7D")
        java.time.Duration every();

        /** How often each replica looks for a snapshot to run (and whether the periodic one is due). */
        @WithDefault("5s")
        java.time.Duration poll();

        /** Members per snapshot event (with their skills). */
        @WithDefault("500")
        int membersPerEvent();

        /** Resources per snapshot event (a resource may carry a 2,000-character URL: events stay well under 1 MB). */
        @WithDefault("200")
        int resourcesPerEvent();
    }
}
