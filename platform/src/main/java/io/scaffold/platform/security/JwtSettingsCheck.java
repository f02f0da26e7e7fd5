package io.scaffold.platform.security;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;

/**
 * A service in production trusts tokens only from a configured identity provider: without a verification key
 * (PEM, JWK or a JWKS URL) it refuses to start, instead of starting and answering every call with 401. The issuer
 * and audience have no production default either (a missing one fails configuration at startup).
 */
@ApplicationScoped
public class JwtSettingsCheck {
    private final Config config;

    public JwtSettingsCheck(Config config) {
        this.config = config;
    }

    void verify(@Observes StartupEvent started) {
        if (LaunchMode.current() != LaunchMode.NORMAL) {
            return;
        }
        boolean key = config.getOptionalValue("mp.jwt.verify.publickey", String.class).isPresent()
                || config.getOptionalValue("mp.jwt.verify.publickey.location", String.class).isPresent();
        if (!key) {
            throw new IllegalStateException("No key to verify tokens with: set MP_JWT_VERIFY_PUBLICKEY_LOCATION to the"
                    + " identity provider's JWKS URL (or a PEM/JWK file), with SCAFFOLD_JWT_ISSUER and"
                    + " SCAFFOLD_JWT_AUDIENCE");
        }
    }
}
