package io.scaffold.requests.rest;

import io.scaffold.platform.http.QueryParams;
import io.scaffold.platform.paging.CursorPage;
import io.scaffold.requests.rest.dto.CreateResponse;
import io.scaffold.requests.rest.dto.RequestView;
import io.scaffold.requests.rest.dto.ResponseView;
import io.scaffold.requests.service.Callers;
import io.scaffold.requests.service.ResponseService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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

import java.util.UUID;

@Path("/api/requests/{id}/responses")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Responses", description = "Answers and offers of help, and accepting one")
public class ResponsesResource {
    private final ResponseService responses;
    private final Callers callers;

    public ResponsesResource(ResponseService responses, Callers callers) {
        this.responses = responses;
        this.callers = callers;
    }

    @POST
    @Operation(operationId = "respond", summary = "Answer a request, or offer to help",
            description = "Anyone who can see an open request, except its requester. The first response stops the "
                    + "escalation ladder.")
    @APIResponse(responseCode = "201", description = "Responded",
            content = @Content(schema = @Schema(implementation = ResponseView.class)))
    @APIResponse(responseCode = "400", description = "Invalid input (see errors[])")
    @APIResponse(responseCode = "403", description = "The requester cannot respond to their own request")
    @APIResponse(responseCode = "404", description = "No such request, or not visible to the caller")
    @APIResponse(responseCode = "409", description = "The request is not open")
    public Response respond(@PathParam("id") UUID id, @NotNull @Valid CreateResponse response) {
        return Response.status(Response.Status.CREATED).entity(responses.respond(id, response, callers.current()))
                .build();
    }

    @GET
    @Operation(operationId = "listResponses", summary = "The responses to a request, oldest first",
            description = "For whoever can see the request, whatever its status.")
    @APIResponse(responseCode = "200", description = "A page of responses")
    @APIResponse(responseCode = "400", description = "Invalid parameter")
    @APIResponse(responseCode = "404", description = "No such request, or not visible to the caller")
    public CursorPage<ResponseView> list(@PathParam("id") UUID id,
            @Parameter(description = "Page size, 1-100 (default 20)",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100"))
            @QueryParam("limit") String limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        return responses.list(id, QueryParams.optionalInt("limit", limit), cursor, callers.current());
    }

    @POST
    @Path("{responseId}/accept")
    @Operation(operationId = "acceptResponse", summary = "Accept a response (requester only)",
            description = "The requester only, while the request is open; the response must belong to it. Resolves "
                    + "the request, records the accepted helper and credits them with its tags.")
    @APIResponse(responseCode = "200", description = "The resolved request",
            content = @Content(schema = @Schema(implementation = RequestView.class)))
    @APIResponse(responseCode = "403", description = "The caller is not the requester")
    @APIResponse(responseCode = "404", description = "No such request or response")
    @APIResponse(responseCode = "409", description = "The request is not open")
    public RequestView accept(@PathParam("id") UUID id, @PathParam("responseId") UUID responseId) {
        return responses.accept(id, responseId, callers.current());
    }
}
