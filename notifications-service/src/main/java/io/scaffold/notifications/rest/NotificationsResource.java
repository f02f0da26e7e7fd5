package io.scaffold.notifications.rest;

import io.scaffold.notifications.domain.NotificationKind;
import io.scaffold.notifications.rest.dto.MarkedRead;
import io.scaffold.notifications.rest.dto.NotificationView;
import io.scaffold.notifications.rest.dto.UnreadCount;
import io.scaffold.notifications.service.InboxService;
import io.scaffold.platform.http.QueryParams;
import io.scaffold.platform.paging.CursorPage;
import io.scaffold.platform.problem.ApiProblem;
import io.scaffold.platform.security.CurrentUser;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/notifications")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Inbox", description = "The caller's own notifications")
public class NotificationsResource {
    private static final String ID = "The notification's id (a number; anything else is a 404)";

    private final InboxService inbox;
    private final CurrentUser user;

    public NotificationsResource(InboxService inbox, CurrentUser user) {
        this.inbox = inbox;
        this.user = user;
    }

    @GET
    @Operation(operationId = "listNotifications", summary = "The caller's notifications, newest first",
            description = "Only ever the caller's own items, in keyset pages by decreasing id; filters combine.")
    @APIResponse(responseCode = "200", description = "A page of notifications")
    @APIResponse(responseCode = "400", description = "Invalid parameter")
    public CursorPage<NotificationView> list(
            @Parameter(description = "unread, read, archived or all (default; any case)",
                    schema = @Schema(type = SchemaType.STRING, enumeration = {"unread", "read", "archived", "all"}))
            @QueryParam("status") String status,
            @Parameter(description = "Only this kind, e.g. RESPONSE_POSTED (any case)",
                    schema = @Schema(implementation = NotificationKind.class))
            @QueryParam("kind") String kind,
            @Parameter(description = "Only about this community",
                    schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @QueryParam("communityId") String communityId,
            @Parameter(description = "Page size, 1-100 (default 20)",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100"))
            @QueryParam("limit") String limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        return inbox.list(user.id(), status, QueryParams.optionalEnum("kind", kind, NotificationKind.class),
                QueryParams.optionalUuid("communityId", communityId), QueryParams.optionalInt("limit", limit),
                cursor);
    }

    @GET
    @Path("unread-count")
    @Operation(operationId = "unreadCount", summary = "How many of the caller's notifications are unread",
            description = "The same count the live stream sends as unread-count.")
    @APIResponse(responseCode = "200", description = "The count",
            content = @Content(schema = @Schema(implementation = UnreadCount.class)))
    public UnreadCount unreadCount() {
        return new UnreadCount(inbox.unreadCount(user.id()));
    }

    @POST
    @Path("{id}/read")
    @Operation(operationId = "markRead", summary = "Mark one notification read",
            description = "An unread item becomes read (readAt set, unread count down by one); a read or archived "
                    + "one is returned unchanged. Another person's item is a 404.")
    @APIResponse(responseCode = "200", description = "The notification",
            content = @Content(schema = @Schema(implementation = NotificationView.class)))
    @APIResponse(responseCode = "404", description = "No such notification of the caller's")
    public NotificationView markRead(
            @Parameter(description = ID, schema = @Schema(type = SchemaType.INTEGER, format = "int64"))
            @PathParam("id") String id) {
        return inbox.markRead(id(id), user.id());
    }

    @POST
    @Path("read-all")
    @Operation(operationId = "markAllRead", summary = "Mark all unread notifications read, or those up to an id",
            description = "Only the caller's own unread items; with upToId, only those with that id or a smaller one. "
                    + "Answers how many were marked.")
    @APIResponse(responseCode = "200", description = "How many were marked",
            content = @Content(schema = @Schema(implementation = MarkedRead.class)))
    @APIResponse(responseCode = "400", description = "Invalid parameter")
    @APIResponse(responseCode = "404", description = "upToId is not a notification id (not a number)")
    public MarkedRead markAllRead(
            @Parameter(description = "Only items with this id or older (what the client has shown)",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int64"))
            @QueryParam("upToId") String upToId) {
        return new MarkedRead(inbox.markAllRead(user.id(), upToId == null || upToId.isBlank() ? null
                : id(upToId)));
    }

    @POST
    @Path("{id}/archive")
    @Operation(operationId = "archiveNotification", summary = "Archive one notification",
            description = "The item leaves the unread and read views (an unread one stops counting as unread and gets "
                    + "readAt); archiving it again changes nothing. Another person's item is a 404.")
    @APIResponse(responseCode = "200", description = "The notification",
            content = @Content(schema = @Schema(implementation = NotificationView.class)))
    @APIResponse(responseCode = "404", description = "No such notification of the caller's")
    public NotificationView archive(
            @Parameter(description = ID, schema = @Schema(type = SchemaType.INTEGER, format = "int64"))
            @PathParam("id") String id) {
        return inbox.archive(id(id), user.id());
    }

    private static long id(String raw) {
        try {
            return Long.parseLong(raw.strip());
        } catch (NumberFormatException e) {
            throw ApiProblem.notFound("Notification", raw);
        }
    }
}
