package io.scaffold.platform.people;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How callers' identity claims are recorded ({@code scaffold.people.*}). */
@ConfigMapping(prefix = "scaffold.people")
public interface PeopleConfig {

    /**
     * Whether a person first seen here, or whose claims changed, is announced as {@code scaffold.person.updated.v1}
     * on this service's topic (notifications-service, the reader of those events, records its callers directly).
     */
    @WithDefault("true")
    boolean publishEvents();

    /** People whose claims are remembered in memory: a known, unchanged caller costs no statement. */
    @WithDefault("100000")
    int cacheSize();
}
