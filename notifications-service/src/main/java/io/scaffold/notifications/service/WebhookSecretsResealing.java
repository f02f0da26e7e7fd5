package io.scaffold.notifications.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.scaffold.notifications.domain.WebhookEndpoint;
import io.scaffold.notifications.repository.WebhookEndpointRepository;
import io.scaffold.platform.privacy.SealedIdsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;

/**
 * During a rotation of the sealing key (previous keys configured), every endpoint's signing secrets are sealed again
 * under the current key at startup, so that the previous key can be dropped once every replica has restarted.
 */
@ApplicationScoped
public class WebhookSecretsResealing {
    private static final Logger LOG = Logger.getLogger(WebhookSecretsResealing.class);

    private final WebhookEndpointRepository endpoints;
    private final WebhookSecrets secrets;
    private final SealedIdsConfig keys;

    public WebhookSecretsResealing(WebhookEndpointRepository endpoints, WebhookSecrets secrets, SealedIdsConfig keys) {
        this.endpoints = endpoints;
        this.secrets = secrets;
        this.keys = keys;
    }

    void onStart(@Observes StartupEvent started) {
        if (keys.previousKeys().map(List::isEmpty).orElse(true)) {
            return;
        }
        int resealed = QuarkusTransaction.requiringNew().call(this::resealAll);
        LOG.infof("webhook secrets of %d endpoints sealed again under the current key", resealed);
    }

    int resealAll() {
        int resealed = 0;
        for (WebhookEndpoint listed : endpoints.all()) {
            WebhookEndpoint e = endpoints.lock(listed.id()).orElse(null);
            if (e == null) {
                continue;
            }
            String previous = e.previousSecret() == null ? null
                    : secrets.seal(secrets.open(e.previousSecret(), e.id()), e.id());
            endpoints.update(new WebhookEndpoint(e.id(), e.url(), e.description(), e.eventTypes(), e.enabled(),
                    e.disabledReason(), e.createdBy(), secrets.seal(secrets.open(e.secret(), e.id()), e.id()),
                    previous, e.previousSecretUntil(), e.createdAt(), Instant.now(), e.version() + 1));
            resealed++;
        }
        return resealed;
    }
}
