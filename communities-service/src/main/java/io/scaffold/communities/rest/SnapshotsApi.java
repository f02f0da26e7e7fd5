package io.scaffold.communities.rest;

import io.scaffold.communities.repository.SnapshotRepository;
import io.scaffold.communities.rest.dto.SnapshotView;
import io.scaffold.communities.service.SnapshotService;
import io.scaffold.platform.security.Operators;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

/** Snapshots of every community onto the events topic, for operators (role ops): ask for one, follow it. */
@Path("/api/communities/ops/snapshots")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operations", description = "Dead letters and projections, for operators (role ops)")
public class SnapshotsApi {
    private final SnapshotService snapshots;
    private final Operators operators;

    public SnapshotsApi(SnapshotService snapshots, Operators operators) {
        this.snapshots = snapshots;
        this.operators = operators;
    }

    @POST
    @Operation(operationId = "requestSnapshot", summary = "Restate every community on the events topic",
            description = "Writes scaffold.community.snapshot.v1 events (one or more per community, in order with "
                    + "its other events), from which a consumer can rebuild its projection. Runs in the "
                    + "background on one replica; while a run is asked for or running, that run is the answer. "
                    + "A run also starts by itself every scaffold.communities.snapshot.every. Role ops.")
    @APIResponse(responseCode = "202", description = "Asked for (or already under way); Location names the run",
            headers = @Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = SnapshotView.class)))
    @APIResponse(responseCode = "403", description = "The caller lacks the operators' role")
    public Response request() {
        SnapshotView run = view(snapshots.request(operators.require("Snapshots")));
        return Response.accepted(run).location(UriBuilder.fromPath("/api/communities/ops/snapshots/{id}")
                .build(run.id())).build();
    }

    @GET
    @Operation(operationId = "listSnapshots", summary = "The latest snapshot runs, newest first",
            description = "At most 20. Role ops.")
    @APIResponse(responseCode = "200", description = "The runs")
    @APIResponse(responseCode = "403", description = "The caller lacks the operators' role")
    public List<SnapshotView> list() {
        operators.require("Snapshots");
        return snapshots.latest(20).stream().map(SnapshotsApi::view).toList();
    }

    @GET
    @Path("{snapshotId}")
    @Operation(operationId = "getSnapshot", summary = "One snapshot run and how far it got", description = "Role ops.")
    @APIResponse(responseCode = "200", description = "The run",
            content = @Content(schema = @Schema(implementation = SnapshotView.class)))
    @APIResponse(responseCode = "403", description = "The caller lacks the operators' role")
    @APIResponse(responseCode = "404", description = "No such run")
    public SnapshotView get(@PathParam("snapshotId") UUID id) {
        operators.require("Snapshots");
        return view(snapshots.find(id));
    }

    private static SnapshotView view(SnapshotRepository.Run run) {
        return new SnapshotView(run.id(), run.status(), run.requestedBy(), run.requestedAt(), run.startedAt(),
                run.finishedAt(), run.communities(), run.events());
    }
}
