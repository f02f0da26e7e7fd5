package io.scaffold.platform.projection;

import io.scaffold.platform.security.Operators;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Map;

/**
 * The projections a service keeps of other services' state, for operators ({@code /api/<service>/ops/projections};
 * a service declares the path on a subclass): list them, rebuild one from nothing. Role {@code scaffold.ops.role}.
 */
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operations", description = "Dead letters and projections, for operators (role ops)")
public abstract class ProjectionsResource {
    private ProjectionRebuilds rebuilds;
    private Operators operators;

    /** Injected through this initializer, so a service's subclass is only its {@code @Path}. */
    @Inject
    void init(ProjectionRebuilds rebuilds, Operators operators) {
        this.rebuilds = rebuilds;
        this.operators = operators;
    }

    @GET
    @Operation(operationId = "listProjections", summary = "The projections this service keeps, with their topics",
            description = "Each is a local copy of another service's state, kept from events. Role ops.")
    @APIResponse(responseCode = "200", description = "Projection names and the topics each is built from")
    @APIResponse(responseCode = "403", description = "The caller lacks the operators' role")
    public Map<String, List<String>> list() {
        operators.require("Projections");
        return rebuilds.list();
    }

    @POST
    @Path("{name}/rebuild")
    @Operation(operationId = "rebuildProjection", summary = "Rebuild a projection from nothing",
            description = "Empties it and applies every event its topics still hold (they include the producer's "
                    + "periodic snapshots), in one transaction: readers see the old projection until it commits. "
                    + "After a restore, a new database or a fix in the projection's code. Answers when done; "
                    + "logged with the caller. Role ops.")
    @APIResponse(responseCode = "200", description = "What the rebuild did",
            content = @Content(schema = @Schema(implementation = ProjectionRebuild.class)))
    @APIResponse(responseCode = "403", description = "The caller lacks the operators' role")
    @APIResponse(responseCode = "404", description = "No such projection in this service")
    public ProjectionRebuild rebuild(@Parameter(description = "The projection's name, e.g. communities",
            schema = @Schema(pattern = "^[a-z][a-z0-9-]{0,62}$")) @PathParam("name") String name) {
        return rebuilds.rebuild(name, operators.require("Projections"));
    }
}
