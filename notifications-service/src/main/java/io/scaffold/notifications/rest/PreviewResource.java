package io.scaffold.notifications.rest;

import io.scaffold.notifications.rest.dto.PreviewView;
import io.scaffold.notifications.service.AudiencePreview;
import io.scaffold.platform.http.QueryParams;
import io.scaffold.platform.problem.ApiProblem;
import io.scaffold.platform.security.CurrentUser;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
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

import java.util.UUID;

@Path("/api/notifications/preview")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Preview", description = "Who an event in a community would notify, for its owners and facilitators")
public class PreviewResource {
    private final AudiencePreview preview;
    private final CurrentUser user;

    public PreviewResource(AudiencePreview preview, CurrentUser user) {
        this.preview = preview;
        this.user = user;
    }

    @GET
    @Operation(operationId = "previewAudience", summary = "Who an event in this community would notify, and why",
            description = "For the community's owners and facilitators (403 for other members and for people outside "
                    + "a public community, 404 outside a private one). Applies the same audiences and preferences as "
                    + "the fan-out, right now; nothing is sent.")
    @APIResponse(responseCode = "200", description = "Recipients with the rule and their delivery; people left out"
            + " by their preferences, with why",
            content = @Content(schema = @Schema(implementation = PreviewView.class)))
    @APIResponse(responseCode = "400", description = "Missing or unknown event type or community id")
    @APIResponse(responseCode = "403", description = "Not an owner or facilitator of the community")
    @APIResponse(responseCode = "404", description = "No such community visible to the caller")
    public PreviewView preview(
            @Parameter(description = "An event type of the rule table", example = "scaffold.help-request.created.v1",
                    required = true, schema = @Schema(type = SchemaType.STRING, enumeration = {
                            "scaffold.help-request.created.v1", "scaffold.help-request.escalated.v1",
                            "scaffold.help-request.responded.v1", "scaffold.help-request.response-accepted.v1",
                            "scaffold.membership.requested.v1", "scaffold.membership.invited.v1",
                            "scaffold.membership.approved.v1", "scaffold.membership.role-changed.v1",
                            "scaffold.resource.added.v1"}))
            @QueryParam("eventType") String eventType,
            @Parameter(description = "The community", required = true,
                    schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @QueryParam("communityId") String communityId,
            @Parameter(description = "List at most this many people (1-1000, default 100); totals count all",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000"))
            @QueryParam("limit") String limit) {
        String caller = user.id();
        if (eventType == null || eventType.isBlank()) {
            throw ApiProblem.invalid("eventType", "is required");
        }
        UUID community = QueryParams.optionalUuid("communityId", communityId);
        if (community == null) {
            throw ApiProblem.invalid("communityId", "is required");
        }
        Integer size = QueryParams.optionalInt("limit", limit);
        if (size != null && (size < 1 || size > 1000)) {
            throw ApiProblem.invalid("limit", "must be between 1 and 1000");
        }
        return preview.preview(caller, eventType.strip(), community, size == null ? 100 : size);
    }
}
