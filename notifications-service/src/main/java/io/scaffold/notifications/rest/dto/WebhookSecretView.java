package io.scaffold.notifications.rest.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The endpoint with its signing secret: shown this once, never again. */
@Schema(name = "WebhookEndpointWithSecret")
public record WebhookSecretView(WebhookEndpointView endpoint,
        @Schema(description = "Standard Webhooks secret (whsec_ and base64): verify webhook-signature with it",
                example = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw") String secret) {
}
