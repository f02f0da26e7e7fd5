package io.scaffold.notifications.service;

import io.scaffold.platform.privacy.SealedIds;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/**
 * Signing secrets are stored sealed with the suite's sealing key (AES-GCM, bound to the endpoint: a sealed secret
 * copied onto another endpoint does not open), so a copy of the database alone signs nothing.
 */
@ApplicationScoped
public class WebhookSecrets {
    private final SealedIds seals;

    public WebhookSecrets(SealedIds seals) {
        this.seals = seals;
    }

    public String seal(String secret, UUID endpointId) {
        return seals.seal(secret, context(endpointId));
    }

    public String open(String sealed, UUID endpointId) {
        return seals.open(sealed, context(endpointId));
    }

    private static String context(UUID endpointId) {
        return "webhook-secret:" + endpointId;
    }
}
