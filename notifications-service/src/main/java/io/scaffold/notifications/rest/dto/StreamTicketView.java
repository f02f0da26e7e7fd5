package io.scaffold.notifications.rest.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

@Schema(name = "StreamTicket")
public record StreamTicketView(
        @Schema(description = "Single-use; pass as ?ticket= on the stream", example = "x3Jq0VQ5m0k3...") String ticket,
        Instant expiresAt,
        @Schema(description = "The stream URL with the ticket, relative to the gateway",
                example = "/api/notifications/stream?ticket=x3Jq0VQ5m0k3...") String streamPath) {
}
