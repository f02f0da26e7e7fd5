package io.scaffold.notifications.rest.dto;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** What an integration admin registers or changes (the whole endpoint: what is left out takes its default). */
@Schema(name = "WebhookEndpointInput")
public record WebhookEndpointBody(
        @Schema(description = "https URL to a public address (plain http and private addresses only for hosts the"
                + " deployment allows, such as localhost in the local stack)",
                example = "https://hooks.example.com/scaffold")
        @NotNull @Size(min = 1, max = 2000) String url,
        @Schema(description = "CloudEvents types to receive: exact (scaffold.request.created.v1), a prefix ending in"
                + " .* (scaffold.request.*), or * for every event", example = "[\"scaffold.request.*\"]")
        @NotNull @Size(min = 1, max = 50) List<@NotNull @Pattern(regexp = EVENT_TYPE, message = EVENT_TYPE_MESSAGE)
                String> eventTypes,
        @Schema(nullable = true, description = "What it is for (default empty)", example = "Chat bot")
        @Size(max = 500) String description,
        @Schema(nullable = true, description = "Whether events are delivered (default true); turning it on again"
                + " clears the reason it was turned off")
        Boolean enabled) {
    /** Anchored, so that clients reading it as a JSON Schema pattern (a search) match the whole value too. */
    public static final String EVENT_TYPE = "^(\\*|[a-z0-9]+(\\.[a-z0-9-]+)*(\\.\\*)?)$";
    static final String EVENT_TYPE_MESSAGE = "must be a CloudEvents type, a prefix ending in .*, or *";
}
