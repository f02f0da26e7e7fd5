package io.scaffold.communities.rest;

import io.scaffold.communities.rest.dto.CommunityView;
import io.scaffold.communities.rest.dto.CreateCommunity;
import io.scaffold.communities.rest.dto.UpdateCommunity;
import io.scaffold.communities.service.CommunityService;
import io.scaffold.platform.http.ETags;
import io.scaffold.platform.http.QueryParams;
import io.scaffold.platform.paging.CursorPage;
import io.scaffold.platform.security.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/communities")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Communities", description = "Communities of practice")
public class CommunitiesResource {
    static final String ETAG = "Version of the resource; send it back in If-Match to update it";
    static final String IF_MATCH = "The ETag of the version you read (e.g. \"3\"); a stale one answers 412. Without it "
            + "(or with *) the change applies to the current version.";

    private final CommunityService communities;
    private final CurrentUser user;

    public CommunitiesResource(CommunityService communities, CurrentUser user) {
        this.communities = communities;
        this.user = user;
    }

    @POST
    @Operation(operationId = "createCommunity", summary = "Create a community; the caller becomes its owner",
            description = "Anyone signed in. The name must be unique whatever its case; tags are normalised (lower "
                    + "case, inner spaces as hyphens, duplicates dropped). The creator becomes its first active OWNER.")
    @APIResponse(responseCode = "201", description = "Created",
            headers = {
                    @Header(name = "Location", description = "The URL of the created community",
                            schema = @Schema(type = SchemaType.STRING, format = "uri")),
                    @Header(name = "ETag", description = ETAG,
                            schema = @Schema(type = SchemaType.STRING))},
            content = @Content(schema = @Schema(implementation = CommunityView.class)))
    @APIResponse(responseCode = "400", description = "Invalid input (see errors[])")
    @APIResponse(responseCode = "409", description = "A community with this name (any case) exists")
    public Response create(@NotNull @Valid CreateCommunity request, @Context UriInfo uri) {
        CommunityView created = communities.create(request, user.id());
        return Response.created(uri.getAbsolutePathBuilder().path(created.id().toString()).build())
                .header(HttpHeaders.ETAG, ETags.of(created.version())).entity(created).build();
    }

    @GET
    @Operation(operationId = "listCommunities", summary = "List or search the communities the caller can see",
            description = "Ordered by name, or by relevance with q (PostgreSQL full-text search over name, tags and "
                    + "description). Private communities appear only to people in them; archived ones only with "
                    + "archived=true.")
    @APIResponse(responseCode = "200", description = "A page of communities")
    @APIResponse(responseCode = "400", description = "Invalid parameter")
    public CursorPage<CommunityView> list(
            @Parameter(description = "Full-text query, e.g. \"kafka consumer lag\"") @QueryParam("q") String q,
            @Parameter(description = "Only communities with this tag (normalised like tags are)")
            @QueryParam("tag") String tag,
            @Parameter(description = "Only communities the caller is an active member of (with their role); "
                    + "default false", schema = @Schema(type = SchemaType.BOOLEAN))
            @QueryParam("mine") String mine,
            @Parameter(description = "Include archived communities; default false",
                    schema = @Schema(type = SchemaType.BOOLEAN))
            @QueryParam("archived") String archived,
            @Parameter(description = "Page size, 1-100 (default 20)",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100"))
            @QueryParam("limit") String limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        return communities.list(user.id(), q, tag, QueryParams.flag("mine", mine),
                QueryParams.flag("archived", archived), QueryParams.optionalInt("limit", limit), cursor);
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getCommunity", summary = "Read a community (with the caller's role in it)",
            description = "Public communities are readable by anyone signed in; a private one only by its members "
                    + "and the people who asked to join or were invited (404 for everyone else). Archived "
                    + "communities stay readable.")
    @APIResponse(responseCode = "200", description = "The community; ETag carries its version",
            headers = @Header(name = "ETag", description = ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = CommunityView.class)))
    @APIResponse(responseCode = "404", description = "No such community, or a private one the caller is not in")
    public Response get(@PathParam("id") UUID id) {
        CommunityView view = communities.get(id, user.id());
        return Response.ok(view).header(HttpHeaders.ETAG, ETags.of(view.version())).build();
    }

    @PATCH
    @Path("{id}")
    @Operation(operationId = "updateCommunity", summary = "Edit a community (owners and facilitators)",
            description = "Owners and facilitators of an active (not archived) community. Absent fields keep their "
                    + "value. Send If-Match with the ETag you read to avoid lost updates.")
    @APIResponse(responseCode = "200", description = "The updated community",
            headers = @Header(name = "ETag", description = ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = CommunityView.class)))
    @APIResponse(responseCode = "400", description = "Invalid input")
    @APIResponse(responseCode = "403", description = "The caller is not an owner or facilitator")
    @APIResponse(responseCode = "404", description = "Not found")
    @APIResponse(responseCode = "409", description = "Name taken, or the community is archived")
    @APIResponse(responseCode = "412", description = "If-Match names a stale version, or no ETag of this resource")
    public Response update(@PathParam("id") UUID id,
            @Parameter(description = IF_MATCH) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @NotNull @Valid UpdateCommunity request) {
        CommunityView view = communities.update(id, request, ETags.expectedVersion(ifMatch), user.id());
        return Response.ok(view).header(HttpHeaders.ETAG, ETags.of(view.version())).build();
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "archiveCommunity", summary = "Archive a community (owners only)",
            description = "Owners only. It stays readable but takes no new members or resources and leaves the "
                    + "default lists. Archiving an archived community changes nothing.")
    @APIResponse(responseCode = "204", description = "Archived")
    @APIResponse(responseCode = "403", description = "The caller is not an owner")
    @APIResponse(responseCode = "404", description = "Not found")
    @APIResponse(responseCode = "412", description = "If-Match names a stale version, or no ETag of this resource")
    public void archive(@PathParam("id") UUID id,
            @Parameter(description = IF_MATCH) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        communities.archive(id, ETags.expectedVersion(ifMatch), user.id());
    }
}
