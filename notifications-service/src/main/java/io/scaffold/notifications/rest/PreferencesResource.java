package io.scaffold.notifications.rest;

import io.scaffold.notifications.domain.Preferences;
import io.scaffold.notifications.rest.dto.PreferencesBody;
import io.scaffold.notifications.rest.dto.PreferencesView;
import io.scaffold.notifications.service.PreferencesService;
import io.scaffold.platform.http.ETags;
import io.scaffold.platform.security.CurrentUser;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/notifications/preferences")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Preferences", description = "How the caller hears of things: per kind, per community, quiet hours")
public class PreferencesResource {
    private static final String ETAG = "Version of the resource; send it back in If-Match to update it";

    private final PreferencesService preferences;
    private final CurrentUser user;

    public PreferencesResource(PreferencesService preferences, CurrentUser user) {
        this.preferences = preferences;
        this.user = user;
    }

    @GET
    @Operation(operationId = "getPreferences", summary = "The caller's notification preferences, defaults filled in",
            description = "Only the caller's own: every kind with its in-app and e-mail setting (defaults for what "
                    + "was never set), muted and followed communities, and quiet hours (null when none).")
    @APIResponse(responseCode = "200", description = "Every kind's setting, muted and followed communities, quiet"
            + " hours; ETag for If-Match",
            headers = @Header(name = "ETag", description = ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = PreferencesView.class)))
    public Response get() {
        return answer(preferences.get(user.id()));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replacePreferences", summary = "Replace the caller's notification preferences",
            description = "Replaces the whole document: what it leaves out returns to its default. A critical kind "
                    + "(DESK_ESCALATION) cannot be turned off in the app. Send If-Match with the ETag you read so "
                    + "as not to overwrite another device's change.")
    @APIResponse(responseCode = "200", description = "The saved preferences",
            headers = @Header(name = "ETag", description = ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = PreferencesView.class)))
    @APIResponse(responseCode = "400", description = "Unknown kind, bad time or time zone, too many communities")
    @APIResponse(responseCode = "412", description = "If-Match names an older version, or no ETag of the preferences")
    @APIResponse(responseCode = "422", description = "A critical kind cannot be turned off in the app",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(name = "critical",
                    value = "{\"type\":\"urn:scaffold:problem:unprocessable\",\"status\":422,\"errors\":"
                            + "[{\"field\":\"kinds.DESK_ESCALATION.inApp\",\"message\":\"DESK_ESCALATION is critical"
                            + " ...\"}]}")))
    public Response replace(@Valid PreferencesBody body,
            @Parameter(description = "The ETag of the version you read (e.g. \"3\"); a stale one answers 412. Without "
                    + "it (or with *) the preferences are replaced whatever their version.")
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return answer(preferences.replace(user.id(), body, ifMatch));
    }

    private static Response answer(Preferences saved) {
        return Response.ok(PreferencesService.view(saved)).header(HttpHeaders.ETAG, ETags.of(saved.version())).build();
    }
}
