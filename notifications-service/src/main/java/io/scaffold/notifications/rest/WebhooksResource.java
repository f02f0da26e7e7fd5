package io.scaffold.notifications.rest;

import io.scaffold.notifications.domain.WebhookDelivery;
import io.scaffold.notifications.rest.dto.RotationBody;
import io.scaffold.notifications.rest.dto.WebhookDeliveryView;
import io.scaffold.notifications.rest.dto.WebhookEndpointBody;
import io.scaffold.notifications.rest.dto.WebhookEndpointView;
import io.scaffold.notifications.rest.dto.WebhookSecretView;
import io.scaffold.notifications.service.WebhookEndpoints;
import io.scaffold.platform.http.QueryParams;
import io.scaffold.platform.paging.CursorPage;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

@Path("/api/notifications/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks", description = "The suite's events delivered over HTTP to systems outside Kafka, signed per"
        + " Standard Webhooks; for integration admins (role integration-admin)")
public class WebhooksResource {
    private static final String ID = "The endpoint's id";
    private static final String ADMINS = "Not an integration admin";

    private final WebhookEndpoints webhooks;

    public WebhooksResource(WebhookEndpoints webhooks) {
        this.webhooks = webhooks;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createWebhookEndpoint", summary = "Register an endpoint",
            description = "Every event of the listed types is then POSTed to the URL as a CloudEvent (JSON,"
                    + " structured mode) with webhook-id, webhook-timestamp and webhook-signature headers. The"
                    + " signing secret is in this answer only: store it now.")
    @APIResponse(responseCode = "201", description = "Registered; the secret is shown this once",
            content = @Content(schema = @Schema(implementation = WebhookSecretView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body")
    @APIResponse(responseCode = "403", description = ADMINS)
    @APIResponse(responseCode = "409", description = "Too many endpoints")
    @APIResponse(responseCode = "422", description = "The URL may not be reached: not https, not resolving, or"
            + " resolving to a loopback, private, link-local or reserved address")
    public Response create(@NotNull @Valid WebhookEndpointBody body) {
        WebhookSecretView created = webhooks.create(body);
        return Response.status(Response.Status.CREATED).entity(created)
                .header("Location", "/api/notifications/webhooks/" + created.endpoint().id()).build();
    }

    @GET
    @Operation(operationId = "listWebhookEndpoints", summary = "The organisation's endpoints, oldest first",
            description = "At most max-endpoints (100 by default), so one answer holds them all.")
    @APIResponse(responseCode = "200", description = "Every endpoint (never a secret)",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = WebhookEndpointView.class)))
    @APIResponse(responseCode = "403", description = ADMINS)
    public List<WebhookEndpointView> list() {
        return webhooks.list();
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getWebhookEndpoint", summary = "One endpoint")
    @APIResponse(responseCode = "200", description = "The endpoint",
            content = @Content(schema = @Schema(implementation = WebhookEndpointView.class)))
    @APIResponse(responseCode = "403", description = ADMINS)
    @APIResponse(responseCode = "404", description = "No such endpoint")
    public WebhookEndpointView get(@Parameter(description = ID) @PathParam("id") UUID id) {
        return webhooks.get(id);
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replaceWebhookEndpoint", summary = "Change an endpoint (URL, types, description, on"
            + " or off)", description = "Replaces the whole endpoint but its secret. Turned off, it gets no new"
            + " events, and the deliveries already queued wait (their retry windows run); turned on, they go out.")
    @APIResponse(responseCode = "200", description = "The endpoint",
            content = @Content(schema = @Schema(implementation = WebhookEndpointView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body")
    @APIResponse(responseCode = "403", description = ADMINS)
    @APIResponse(responseCode = "404", description = "No such endpoint")
    @APIResponse(responseCode = "422", description = "The new URL may not be reached")
    public WebhookEndpointView replace(@Parameter(description = ID) @PathParam("id") UUID id,
            @NotNull @Valid WebhookEndpointBody body) {
        return webhooks.replace(id, body);
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "deleteWebhookEndpoint", summary = "Delete an endpoint and its delivery log")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "403", description = ADMINS)
    @APIResponse(responseCode = "404", description = "No such endpoint")
    public Response delete(@Parameter(description = ID) @PathParam("id") UUID id) {
        webhooks.delete(id);
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/rotate-secret")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "rotateWebhookSecret", summary = "A new signing secret (shown once)",
            description = "During the overlap each delivery carries two signatures, one per secret, so the"
                    + " receiver can switch at its own pace. The body may be empty.")
    @APIResponse(responseCode = "200", description = "The endpoint and its new secret",
            content = @Content(schema = @Schema(implementation = WebhookSecretView.class)))
    @APIResponse(responseCode = "400", description = "Invalid overlap")
    @APIResponse(responseCode = "403", description = ADMINS)
    @APIResponse(responseCode = "404", description = "No such endpoint")
    public WebhookSecretView rotate(@Parameter(description = ID) @PathParam("id") UUID id, @Valid RotationBody body) {
        return webhooks.rotate(id, body == null ? null : body.overlapSeconds());
    }

    @GET
    @Path("{id}/deliveries")
    @Operation(operationId = "listWebhookDeliveries", summary = "The endpoint's delivery log, newest first",
            description = "Each event's delivery: status, attempts, the last attempt's HTTP status, latency and"
                    + " error, the next attempt.")
    @APIResponse(responseCode = "200", description = "A page of deliveries")
    @APIResponse(responseCode = "400", description = "Invalid parameter")
    @APIResponse(responseCode = "403", description = ADMINS)
    @APIResponse(responseCode = "404", description = "No such endpoint")
    public CursorPage<WebhookDeliveryView> deliveries(
            @Parameter(description = ID) @PathParam("id") UUID id,
            @Parameter(description = "Only deliveries in this state",
                    schema = @Schema(implementation = WebhookDelivery.Status.class))
            @QueryParam("status") String status,
            @Parameter(description = "Page size, 1-100 (default 20)",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100"))
            @QueryParam("limit") String limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        Integer size = QueryParams.optionalInt("limit", limit);
        if (size != null && (size < 1 || size > 100)) {
            throw io.scaffold.platform.problem.ApiProblem.invalid("limit", "must be between 1 and 100");
        }
        return webhooks.deliveries(id,
                QueryParams.optionalEnum("status", status, WebhookDelivery.Status.class), size == null ? 20 : size,
                cursor);
    }

    @GET
    @Path("{id}/deliveries/{deliveryId}")
    @Operation(operationId = "getWebhookDelivery", summary = "One delivery")
    @APIResponse(responseCode = "200", description = "The delivery",
            content = @Content(schema = @Schema(implementation = WebhookDeliveryView.class)))
    @APIResponse(responseCode = "403", description = ADMINS)
    @APIResponse(responseCode = "404", description = "No such endpoint or delivery")
    public WebhookDeliveryView delivery(
            @Parameter(description = ID) @PathParam("id") UUID id,
            @Parameter(description = "The delivery's id") @PathParam("deliveryId") UUID deliveryId) {
        return webhooks.delivery(id, deliveryId);
    }

    @POST
    @Path("{id}/deliveries/{deliveryId}/replay")
    @Operation(operationId = "replayWebhookDelivery", summary = "Send a delivery again",
            description = "Due now, with a new retry window; a delivered one is sent again too (same webhook-id:"
                    + " receivers that keep ids see a duplicate).")
    @APIResponse(responseCode = "202", description = "Queued",
            content = @Content(schema = @Schema(implementation = WebhookDeliveryView.class)))
    @APIResponse(responseCode = "403", description = ADMINS)
    @APIResponse(responseCode = "404", description = "No such endpoint or delivery")
    @APIResponse(responseCode = "409", description = "The endpoint is turned off")
    public Response replay(
            @Parameter(description = ID) @PathParam("id") UUID id,
            @Parameter(description = "The delivery's id") @PathParam("deliveryId") UUID deliveryId) {
        return Response.accepted(webhooks.replay(id,
                deliveryId)).build();
    }
}
