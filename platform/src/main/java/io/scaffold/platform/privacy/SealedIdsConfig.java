package io.scaffold.platform.privacy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Optional;

/** The keys that seal identities on the wire ({@link SealedIds}), shared by the suite's services that need them. */
@ConfigMapping(prefix = "scaffold.sealed-ids")
public interface SealedIdsConfig {
    /** The current key: 32 random bytes, base64. New seals use it. */
    Optional<String> key();

    /** Keys that sealed events still on the topics: accepted when opening, never used to seal (key rotation). */
    Optional<List<String>> previousKeys();

    /** Whether this service seals or opens identities, so that it refuses to start in production without a key. */
    @WithDefault("false")
    boolean required();
}
