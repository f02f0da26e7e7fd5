package io.scaffold.platform.http;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Input limits every service enforces before any resource runs, answered as problem+json (README lists them). The
 * HTTP parser's own hard limits ({@code quarkus.http.limits.*}) sit far above these, so that a client over these
 * limits gets a clear problem document instead of a bare status from the parser.
 */
@ConfigMapping(prefix = "scaffold.http")
public interface HttpLimits {
    /** Longest request target (path and query) in characters; longer: 414. */
    @WithDefault("8192")
    int maxUriLength();

    /** Largest total size of the request headers (names and values) in bytes; larger: 431. */
    @WithDefault("16384")
    int maxHeaderBytes();

    /** Changes (POST, PUT, PATCH, DELETE) one person may make per second, sustained, on one replica; more: 429. */
    @WithDefault("10")
    int writesPerSecond();

    /** Changes one person may make in a burst above the sustained rate. */
    @WithDefault("30")
    int writeBurst();
}
