package io.scaffold.platform.deadletter;

import io.scaffold.platform.http.QueryParams;
import io.scaffold.platform.paging.CursorPage;
import io.scaffold.platform.paging.PageSize;
import io.scaffold.platform.security.Operators;
import jakarta.inject.Inject;
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

import java.util.Map;

/**
 * The dead-letter API every service has under its own prefix ({@code /api/<service>/ops/dead-letters}; a service
 * declares the path on a subclass): list, inspect, replay one or all. Only callers with the operators' role
 * ({@code scaffold.ops.role}, default {@code ops}) may use it: dead letters hold other people's data.
 */
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operations", description = "Dead letters and projections, for operators (role ops)")
public abstract class DeadLettersResource {
    private static final String ID = "The dead letter's place on the dead-letter topic, <partition>-<offset>";

    private DeadLetters deadLetters;
    private Operators operators;

    /** Injected through this initializer, so a service's subclass is only its {@code @Path}. */
    @Inject
    void init(DeadLetters deadLetters, Operators operators) {
        this.deadLetters = deadLetters;
        this.operators = operators;
    }

    @GET
    @Operation(operationId = "listDeadLetters", summary = "The records this service could not apply",
            description = "Oldest first, with the reason, the event's type and id, its key, when it was "
                    + "dead-lettered, where it was consumed from and every replay so far. Role ops.")
    @APIResponse(responseCode = "200", description = "A page of dead letters")
    @APIResponse(responseCode = "400", description = "Invalid parameter")
    @APIResponse(responseCode = "403", description = "The caller lacks the operators' role")
    public CursorPage<DeadLetter> list(
            @Parameter(description = "Page size, 1-500 (default 100)",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500"))
            @QueryParam("limit") String limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        operators.require("Dead letters");
        return deadLetters.list(cursor, PageSize.of(QueryParams.optionalInt("limit", limit), 100, 500));
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getDeadLetter", summary = "One dead letter with its value and headers",
            description = "Everything kept of the record: value, all headers (dead-letter-reason and -cause "
                    + "included) and its replays. Role ops.")
    @APIResponse(responseCode = "200", description = "The dead letter",
            content = @Content(schema = @Schema(implementation = DeadLetter.class)))
    @APIResponse(responseCode = "403", description = "The caller lacks the operators' role")
    @APIResponse(responseCode = "404", description = "No such dead letter (or no longer kept)")
    public DeadLetter get(@Parameter(description = ID, schema = @Schema(pattern = "^\\d{1,9}-\\d{1,18}$"))
                          @PathParam("id") String id) {
        operators.require("Dead letters");
        return deadLetters.get(id);
    }

    @POST
    @Path("{id}/replay")
    @Operation(operationId = "replayDeadLetter", summary = "Apply a dead letter again, after a fix",
            description = "Through the consumer it failed in, which applies an event once: replaying twice "
                    + "writes nothing twice. The outcome is recorded and logged with the caller. Role ops.")
    @APIResponse(responseCode = "200", description = "What the replay did",
            content = @Content(schema = @Schema(implementation = DeadLetter.Replay.class)))
    @APIResponse(responseCode = "403", description = "The caller lacks the operators' role")
    @APIResponse(responseCode = "404", description = "No such dead letter (or no longer kept)")
    public DeadLetter.Replay replay(@Parameter(description = ID, schema = @Schema(pattern = "^\\d{1,9}-\\d{1,18}$"))
                                    @PathParam("id") String id) {
        operators.require("Dead letters");
        return deadLetters.replay(id, operators.require("Dead letters"));
    }

    @POST
    @Path("replay")
    @Operation(operationId = "replayAllDeadLetters", summary = "Apply every dead letter not applied yet",
            description = "In order; each outcome is recorded as for one replay. Role ops.")
    @APIResponse(responseCode = "200", description = "Each replay's outcome by dead-letter id")
    @APIResponse(responseCode = "403", description = "The caller lacks the operators' role")
    public Map<String, DeadLetter.Replay> replayAll() {
        operators.require("Dead letters");
        return deadLetters.replayAll(operators.require("Dead letters"));
    }
}
