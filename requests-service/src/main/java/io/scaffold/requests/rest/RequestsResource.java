package io.scaffold.requests.rest;

import io.scaffold.platform.http.ETags;
import io.scaffold.platform.http.QueryParams;
import io.scaffold.platform.paging.CursorPage;
import io.scaffold.platform.problem.ApiProblem;
import io.scaffold.requests.domain.RequestStatus;
import io.scaffold.requests.rest.dto.CreateRequest;
import io.scaffold.requests.rest.dto.HelperView;
import io.scaffold.requests.rest.dto.PublishInput;
import io.scaffold.requests.rest.dto.RequestView;
import io.scaffold.requests.rest.dto.SimilarItem;
import io.scaffold.requests.rest.dto.UpdateRequest;
import io.scaffold.requests.service.Callers;
import io.scaffold.requests.service.OutcomeService;
import io.scaffold.requests.service.RequestService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

@Path("/api/requests")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Requests", description = "Help requests: ask, find existing help, edit, close, reopen, publish")
public class RequestsResource {
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7e]{1,200}");
    static final String ETAG = "Version of the resource; send it back in If-Match to update it";
    static final String LOCATION = "The URL of the request";

    private final RequestService requests;
    private final OutcomeService outcomes;
    private final Callers callers;

    public RequestsResource(RequestService requests, OutcomeService outcomes, Callers callers) {
        this.requests = requests;
        this.outcomes = outcomes;
        this.callers = callers;
    }

    @POST
    @Operation(operationId = "createRequest", summary = "Ask for help",
            description = "Routes the request to the best-matched helpers and starts its escalation ladder. Send an "
                    + "Idempotency-Key to retry safely: the same key and body return the first result (200).")
    @APIResponse(responseCode = "201", description = "Created",
            headers = {
                    @Header(name = "Location", description = LOCATION,
                            schema = @Schema(type = SchemaType.STRING, format = "uri")),
                    @Header(name = "ETag", description = ETAG, schema = @Schema(type = SchemaType.STRING))},
            content = @Content(schema = @Schema(implementation = RequestView.class)))
    @APIResponse(responseCode = "200", description = "Replay of an earlier call with the same Idempotency-Key",
            headers = {
                    @Header(name = "Location", description = LOCATION,
                            schema = @Schema(type = SchemaType.STRING, format = "uri")),
                    @Header(name = "ETag", description = ETAG, schema = @Schema(type = SchemaType.STRING))},
            content = @Content(schema = @Schema(implementation = RequestView.class)))
    @APIResponse(responseCode = "400", description = "Invalid input (see errors[]), or an Idempotency-Key that is "
            + "not 1-200 visible ASCII characters")
    @APIResponse(responseCode = "403", description = "communityId names a community the caller is not a member of")
    @APIResponse(responseCode = "409", description = "The community is archived (type conflict), or catching-up: the "
            + "caller is not a member yet as far as this service knows, and it has not yet applied the events named "
            + "in Scaffold-After-Events; retry after Retry-After")
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used with a different body")
    @Parameter(name = "Scaffold-After-Events", in = org.eclipse.microprofile.openapi.annotations.enums.ParameterIn.HEADER,
            description = "Ids of events the caller caused in another service (its Scaffold-Events answer header), "
                    + "comma-separated: while this service has not applied them, a refusal they may lift is answered "
                    + "409 catching-up with Retry-After instead of 403",
            schema = @Schema(type = SchemaType.STRING))
    public Response create(
            @Parameter(description = "Client-chosen key (1-200 visible ASCII characters) making retries safe")
            @HeaderParam("Idempotency-Key") String idempotencyKey,
            @NotNull @Valid CreateRequest request, @Context UriInfo uri) {
        if (idempotencyKey != null && !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
            throw ApiProblem.invalid("Idempotency-Key", "must be 1-200 visible ASCII characters");
        }
        RequestService.Created created = requests.create(request, idempotencyKey, callers.current());
        RequestView view = created.request();
        return Response.status(created.created() ? Response.Status.CREATED : Response.Status.OK)
                .location(uri.getAbsolutePathBuilder().path(view.id().toString()).build())
                .header(HttpHeaders.ETAG, ETags.of(view.version())).entity(view).build();
    }

    @GET
    @Operation(operationId = "listRequests", summary = "List or search the requests the caller can see",
            description = "Newest first, or by relevance with q (full-text over title, tags and body). Requests "
                    + "outside any community are visible to everyone signed in; those in a community to its members, "
                    + "their requester and the people they were escalated to.")
    @APIResponse(responseCode = "200", description = "A page of requests")
    @APIResponse(responseCode = "400", description = "Invalid parameter")
    public CursorPage<RequestView> list(
            @Parameter(description = "Only requests in this community",
                    schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @QueryParam("communityId") String communityId,
            @Parameter(description = "OPEN, RESOLVED or CANCELLED (any case)",
                    schema = @Schema(implementation = RequestStatus.class))
            @QueryParam("status") String status,
            @Parameter(description = "Only the caller's own requests; default false",
                    schema = @Schema(type = SchemaType.BOOLEAN))
            @QueryParam("mine") String mine,
            @Parameter(description = "Only requests with this tag (normalised like tags are)")
            @QueryParam("tag") String tag,
            @Parameter(description = "Full-text query, e.g. \"consumer lag\"") @QueryParam("q") String q,
            @Parameter(description = "Page size, 1-100 (default 20)",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100"))
            @QueryParam("limit") String limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        return requests.list(callers.current(), QueryParams.optionalUuid("communityId", communityId),
                QueryParams.optionalEnum("status", status, RequestStatus.class), QueryParams.flag("mine", mine), tag,
                q, QueryParams.optionalInt("limit", limit), cursor);
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getRequest", summary = "Read a request",
            description = "Anyone signed in for a request outside any community; for one in a community, its "
                    + "members, the requester and the people it was escalated to (404 for everyone else). An "
                    + "anonymous requester's id is shown to the requester alone.")
    @APIResponse(responseCode = "200", description = "The request; ETag carries its version",
            headers = @Header(name = "ETag", description = ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = RequestView.class)))
    @APIResponse(responseCode = "404", description = "No such request, or one in a community the caller is not in")
    public Response get(@PathParam("id") UUID id) {
        RequestView view = requests.get(id, callers.current());
        return Response.ok(view).header(HttpHeaders.ETAG, ETags.of(view.version())).build();
    }

    @PATCH
    @Path("{id}")
    @Operation(operationId = "updateRequest", summary = "Edit an open request (requester only)",
            description = "The requester only, while the request is open. Absent fields keep their value; changing "
                    + "the urgency reschedules the pending escalation. Send If-Match with the ETag you read.")
    @APIResponse(responseCode = "200", description = "The updated request",
            headers = @Header(name = "ETag", description = ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = RequestView.class)))
    @APIResponse(responseCode = "400", description = "Invalid input")
    @APIResponse(responseCode = "403", description = "The caller is not the requester")
    @APIResponse(responseCode = "404", description = "Not found")
    @APIResponse(responseCode = "409", description = "The request is not open")
    @APIResponse(responseCode = "412", description = "If-Match names a stale version, or no ETag of this resource")
    public Response update(@PathParam("id") UUID id,
            @Parameter(description = "The ETag of the version you read (e.g. \"3\"); a stale one answers 412. Without "
                    + "it (or with *) the change applies to the current version.")
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @NotNull @Valid UpdateRequest request) {
        RequestView view = requests.update(id, request, ETags.expectedVersion(ifMatch), callers.current());
        return Response.ok(view).header(HttpHeaders.ETAG, ETags.of(view.version())).build();
    }

    @POST
    @Path("{id}/cancel")
    @Operation(operationId = "cancelRequest", summary = "Cancel an open request (requester only)",
            description = "Stops the escalation ladder; the requester may reopen it within the reopen window.")
    @APIResponse(responseCode = "200", description = "The cancelled request",
            content = @Content(schema = @Schema(implementation = RequestView.class)))
    @APIResponse(responseCode = "403", description = "The caller is not the requester")
    @APIResponse(responseCode = "404", description = "Not found")
    @APIResponse(responseCode = "409", description = "The request is not open")
    public RequestView cancel(@PathParam("id") UUID id) {
        return requests.cancel(id, callers.current());
    }

    @POST
    @Path("{id}/resolve")
    @Operation(operationId = "resolveRequest", summary = "Mark an open request resolved (requester only)",
            description = "Whether or not a response was accepted; stops the escalation ladder. Feedback and "
                    + "publishing then become possible.")
    @APIResponse(responseCode = "200", description = "The resolved request",
            content = @Content(schema = @Schema(implementation = RequestView.class)))
    @APIResponse(responseCode = "403", description = "The caller is not the requester")
    @APIResponse(responseCode = "404", description = "Not found")
    @APIResponse(responseCode = "409", description = "The request is not open")
    public RequestView resolve(@PathParam("id") UUID id) {
        return requests.resolve(id, callers.current());
    }

    @POST
    @Path("{id}/reopen")
    @Operation(operationId = "reopenRequest", summary = "Reopen a resolved or cancelled request (requester only)",
            description = "Within the configured window after it closed (scaffold.requests.reopen-window, 7 days by "
                    + "default). Clears the accepted response; the escalation ladder resumes if nobody has responded "
                    + "yet.")
    @APIResponse(responseCode = "200", description = "The reopened request",
            content = @Content(schema = @Schema(implementation = RequestView.class)))
    @APIResponse(responseCode = "403", description = "The caller is not the requester")
    @APIResponse(responseCode = "404", description = "Not found")
    @APIResponse(responseCode = "409", description = "Already open, or closed too long ago")
    public RequestView reopen(@PathParam("id") UUID id) {
        return requests.reopen(id, callers.current());
    }

    @GET
    @Path("{id}/similar")
    @Operation(operationId = "similarHelp", summary = "Help that may already exist for this request",
            description = "For whoever can see the request: resolved requests the caller can see and resources of "
                    + "the communities the caller can see, ranked by full-text similarity to the request's title and "
                    + "tags.")
    @APIResponse(responseCode = "200", description = "Best matches first")
    @APIResponse(responseCode = "400", description = "Invalid parameter")
    @APIResponse(responseCode = "404", description = "Not found")
    public List<SimilarItem> similar(@PathParam("id") UUID id,
            @Parameter(description = "How many, 1-50 (default 10)",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "50"))
            @QueryParam("limit") String limit) {
        return requests.similar(id, QueryParams.optionalInt("limit", limit), callers.current());
    }

    @GET
    @Path("{id}/helpers")
    @Operation(operationId = "listInvitedHelpers", summary = "Who was asked to help, at which rung, and why",
            description = "For the requester, the community's owners and facilitators, and the L&D desk.")
    @APIResponse(responseCode = "200", description = "Invitations in ladder order")
    @APIResponse(responseCode = "403", description = "The caller may see the request but not its routing")
    @APIResponse(responseCode = "404", description = "Not found")
    public List<HelperView> helpers(@PathParam("id") UUID id) {
        return requests.helpers(id, callers.current());
    }

    @POST
    @Path("{id}/publish")
    @Operation(operationId = "publishRequest", summary = "Publish a resolved request as a guide in its community",
            description = "By the requester or the accepted helper; communities-service adds the GUIDE resource. "
                    + "Publishing again changes nothing.")
    @APIResponse(responseCode = "200", description = "The request, with publishedAt",
            content = @Content(schema = @Schema(implementation = RequestView.class)))
    @APIResponse(responseCode = "400", description = "Invalid input")
    @APIResponse(responseCode = "403", description = "Not the requester or the accepted helper")
    @APIResponse(responseCode = "404", description = "Not found")
    @APIResponse(responseCode = "409", description = "Not resolved, outside any community, or anonymous without an "
            + "accepted answer (publishing would name the requester)")
    public RequestView publish(@PathParam("id") UUID id, @Valid PublishInput input) {
        return outcomes.publish(id, input == null ? null : input.guide(), callers.current());
    }
}
