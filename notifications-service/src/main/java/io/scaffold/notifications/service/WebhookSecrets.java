package io.scaffold.notifications.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.scaffold.platform.privacy.SealedIds;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.UUID;

/**
 * Signing secrets are stored sealed with the suite's sealing key (AES-GCM, bound to the endpoint: a sealed secret
 * copied onto another endpoint does not open), so a copy of the database alone signs nothing. Opened secrets are
 * kept a while in memory, keyed by their sealed form (a rotation seals a new one): every delivery signs, and opening
 * was a tenth of the dispatcher's CPU.
 */
@ApplicationScoped
public class WebhookSecrets {
    private final SealedIds seals;
    private final Cache<Sealed, String> opened = Caffeine.newBuilder().maximumSize(1_000)
            .expireAfterAccess(Duration.ofMinutes(10)).build();

    public WebhookSecrets(SealedIds seals) {
        this.seals = seals;
    }

    private record Sealed(String sealed, UUID endpointId) {
    }

    public String seal(String secret, UUID endpointId) {
        return seals.seal(secret, context(endpointId));
    }

    public String open(String sealed, UUID endpointId) {
        return opened.get(new Sealed(sealed, endpointId), key -> seals.open(key.sealed(), context(key.endpointId())));
    }

    private static String context(UUID endpointId) {
        return "webhook-secret:" + endpointId;
    }
}
