package io.scaffold.notifications.rest;

import io.scaffold.notifications.rest.dto.StreamTicketView;
import io.scaffold.notifications.service.StreamTickets;
import io.scaffold.platform.security.CurrentUser;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Tickets for the live stream ({@link LiveStreamRoute}), which browsers' EventSource opens without headers. */
@Path("/api/notifications")
@Tag(name = "Live stream", description = "The caller's new notifications and unread count as Server-Sent Events")
public class StreamTicketsResource {
    private final StreamTickets tickets;
    private final CurrentUser user;

    public StreamTicketsResource(StreamTickets tickets, CurrentUser user) {
        this.tickets = tickets;
        this.user = user;
    }

    @POST
    @Path("stream-tickets")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createStreamTicket", summary = "A short-lived, single-use ticket to open the stream",
            description = "For browsers' EventSource, which cannot send Authorization: open streamPath (the stream "
                    + "with ?ticket=) before expiresAt (one minute by default). A ticket opens the caller's own stream "
                    + "once; after that it only serves that stream's reconnects (with Last-Event-ID), for a limited "
                    + "time.")
    @APIResponse(responseCode = "201", description = "The ticket",
            content = @Content(schema = @Schema(implementation = StreamTicketView.class)))
    @APIResponse(responseCode = "429", description = "The caller holds as many unused tickets as allowed; use one or "
            + "let them expire")
    public Response createTicket() {
        StreamTickets.Ticket issued = tickets.issue(user.id());
        String path = LiveStreamRoute.PATH + "?ticket=" + URLEncoder.encode(issued.ticket(), StandardCharsets.UTF_8);
        return Response.status(Response.Status.CREATED)
                .entity(new StreamTicketView(issued.ticket(), issued.expiresAt(), path)).build();
    }
}
