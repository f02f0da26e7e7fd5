package io.scaffold.notifications.rest;

import io.scaffold.notifications.rest.dto.StreamTicketView;
import io.scaffold.notifications.service.LiveStreams;
import io.scaffold.notifications.service.StreamTickets;
import io.scaffold.platform.problem.ApiProblem;
import io.scaffold.platform.security.CurrentUser;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

@Path("/api/notifications")
@Tag(name = "Live stream", description = "The caller's new notifications and unread count as Server-Sent Events")
@SecurityScheme(securitySchemeName = "streamTicket", type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.QUERY,
        apiKeyName = "ticket", description = "A single-use stream ticket from POST /api/notifications/stream-tickets,"
                + " for EventSource (which cannot send Authorization)")
public class StreamResource {
    private final LiveStreams streams;
    private final StreamTickets tickets;
    private final CurrentUser user;

    public StreamResource(LiveStreams streams, StreamTickets tickets, CurrentUser user) {
        this.streams = streams;
        this.tickets = tickets;
        this.user = user;
    }

    @GET
    @Path("stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(operationId = "streamNotifications", summary = "Live stream of the caller's notifications (SSE)",
            description = "Events: `unread-count` `{unread}` first and after every change; `notification` (the item,"
                    + " its id as the SSE id) for each new item; `replay-truncated` when more was missed than a"
                    + " reconnect replays (reload the inbox). A comment line every heartbeat interval. Authenticate"
                    + " with a bearer token, or with `?ticket=` from POST /api/notifications/stream-tickets"
                    + " (EventSource cannot send headers). During the caller's quiet hours only BLOCKING requests"
                    + " are pushed.")
    @APIResponse(responseCode = "200", description = "The stream", content = @Content(
            mediaType = MediaType.SERVER_SENT_EVENTS, examples = @ExampleObject(name = "events", value = """
                    event: unread-count
                    retry: 3000
                    data: {"unread":2}

                    id: 1207
                    event: notification
                    data: {"id":1207,"kind":"REQUEST_INVITATION","title":"bob asked for help: ..."}
                    """)))
    @APIResponse(responseCode = "400", description = "Last-Event-ID (or lastEventId) is not an id this stream sent")
    @APIResponse(responseCode = "429", description = "The caller already has as many live streams open as allowed")
    @SecurityRequirement(name = "jwt")
    @SecurityRequirement(name = "streamTicket")
    public void stream(@Context SseEventSink sink, @Context Sse sse,
            @Parameter(description = "Stream ticket, instead of a bearer token; an unknown, expired or already used "
                    + "one (other than for its own stream's reconnect) is a 401") @QueryParam("ticket")
            String ticket,
            @Parameter(description = "Resume after this item: the id of the last notification event received "
                    + "(browsers send it on reconnect); takes precedence over lastEventId")
            @HeaderParam("Last-Event-ID") String lastEventIdHeader,
            @Parameter(description = "Resume after this item, for clients that cannot set Last-Event-ID",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "0"))
            @QueryParam("lastEventId") String lastEventIdParam) {
        Long lastEventId = lastEventId(lastEventIdHeader != null ? lastEventIdHeader : lastEventIdParam);
        // A browser's own reconnect sends Last-Event-ID to the same URL: with it, a used ticket resumes its stream.
        StreamTickets.Redeemed redeemed = ticket != null && !ticket.isBlank()
                ? tickets.redeem(ticket.strip(), lastEventIdHeader != null && !lastEventIdHeader.isBlank()) : null;
        String userId = redeemed != null ? redeemed.userId() : user.id();
        streams.open(userId, redeemed == null ? null : redeemed.ticketHash(), sink, sse, lastEventId);
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
        String path = "/api/notifications/stream?ticket=" + URLEncoder.encode(issued.ticket(), StandardCharsets.UTF_8);
        return Response.status(Response.Status.CREATED)
                .entity(new StreamTicketView(issued.ticket(), issued.expiresAt(), path)).build();
    }

    private static Long lastEventId(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            long id = Long.parseLong(raw.strip());
            if (id < 0) {
                throw new NumberFormatException();
            }
            return id;
        } catch (NumberFormatException e) {
            throw ApiProblem.invalid("Last-Event-ID", "must be the id of an event this stream sent");
        }
    }
}
