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
}
