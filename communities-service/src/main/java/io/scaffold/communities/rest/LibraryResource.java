package io.scaffold.communities.rest;

import io.scaffold.communities.domain.ResourceType;
import io.scaffold.communities.rest.dto.CreateResource;
import io.scaffold.communities.rest.dto.ResourceView;
import io.scaffold.communities.rest.dto.UpdateResource;
import io.scaffold.communities.service.ResourceService;
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

import java.util.UUID;

@Path("/api/communities/{id}/resources")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Resource library", description = "Links, documents, contacts, courses and guides a community shares")
public class LibraryResource {
    private final ResourceService resources;
    private final CurrentUser user;

    public LibraryResource(ResourceService resources, CurrentUser user) {
        this.resources = resources;
        this.user = user;
    }

    @POST
    @Operation(operationId = "addResource", summary = "Add a resource (members)",
            description = "Active members of an active (not archived) community; the caller becomes its author. "
                    + "LINK, DOCUMENT and COURSE need an http(s) url; CONTACT needs contactUserId naming an active "
                    + "member; contactUserId is for CONTACT only.")
    @APIResponse(responseCode = "201", description = "Added; Location names it and ETag carries its version",
            headers = {
                    @Header(name = "Location", description = "The URL of the created resource",
                            schema = @Schema(type = SchemaType.STRING, format = "uri")),
                    @Header(name = "ETag", description = CommunitiesResource.ETAG,
                            schema = @Schema(type = SchemaType.STRING))},
            content = @Content(schema = @Schema(implementation = ResourceView.class)))
    @APIResponse(responseCode = "400", description = "Invalid input, e.g. a URL that is not http(s)")
    @APIResponse(responseCode = "403", description = "Not a member")
    @APIResponse(responseCode = "404", description = "Not found")
    @APIResponse(responseCode = "409", description = "The community is archived")
    @APIResponse(responseCode = "422", description = "A CONTACT that is not a member")
    public Response add(@PathParam("id") UUID id, @NotNull @Valid CreateResource request, @Context UriInfo uri) {
        ResourceView created = resources.add(id, request, user.id());
        return Response.created(uri.getAbsolutePathBuilder().path(created.id().toString()).build())
                .header(HttpHeaders.ETAG, ETags.of(created.version())).entity(created).build();
    }

    @GET
    @Operation(operationId = "listResources", summary = "List or search a community's resources",
            description = "Newest first, or by relevance with q (full-text over title, tags and description). "
                    + "Anyone signed in for a public community; active members for a private one.")
    @APIResponse(responseCode = "200", description = "A page of resources")
    @APIResponse(responseCode = "400", description = "Invalid parameter")
    @APIResponse(responseCode = "403", description = "Not a member of this private community")
    @APIResponse(responseCode = "404", description = "Not found")
    public CursorPage<ResourceView> list(@PathParam("id") UUID id,
            @Parameter(description = "Full-text query") @QueryParam("q") String q,
            @Parameter(description = "LINK, DOCUMENT, CONTACT, COURSE or GUIDE (any case)",
                    schema = @Schema(implementation = ResourceType.class))
            @QueryParam("type") String type,
            @Parameter(description = "Only resources with this tag (normalised like tags are)")
            @QueryParam("tag") String tag,
            @Parameter(description = "Page size, 1-100 (default 20)",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100"))
            @QueryParam("limit") String limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        return resources.list(id, user.id(), q, QueryParams.optionalEnum("type", type, ResourceType.class), tag,
                QueryParams.optionalInt("limit", limit), cursor);
    }

    @GET
    @Path("{resourceId}")
    @Operation(operationId = "getResource", summary = "Read a resource",
            description = "Anyone signed in for a public community; active members for a private one.")
    @APIResponse(responseCode = "200", description = "The resource; ETag carries its version",
            headers = @Header(name = "ETag", description = CommunitiesResource.ETAG,
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = ResourceView.class)))
    @APIResponse(responseCode = "403", description = "Not a member of this private community")
    @APIResponse(responseCode = "404", description = "Not found")
    public Response get(@PathParam("id") UUID id, @PathParam("resourceId") UUID resourceId) {
        ResourceView view = resources.get(id, resourceId, user.id());
        return Response.ok(view).header(HttpHeaders.ETAG, ETags.of(view.version())).build();
    }

    @PATCH
    @Path("{resourceId}")
    @Operation(operationId = "updateResource", summary = "Edit a resource (its author, owners, facilitators)",
            description = "The author (while an active member), owners and facilitators, in an active (not archived) "
                    + "community. Absent fields keep their value; an empty url or contactUserId clears it. The type "
                    + "cannot change and the result must still satisfy its rules. Send If-Match with the ETag you "
                    + "read to avoid lost updates.")
    @APIResponse(responseCode = "200", description = "The updated resource; ETag carries its new version",
            headers = @Header(name = "ETag", description = CommunitiesResource.ETAG,
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = ResourceView.class)))
    @APIResponse(responseCode = "400", description = "Invalid input, e.g. a URL that is not http(s), or a url "
            + "missing for its type")
    @APIResponse(responseCode = "403", description = "Not allowed to edit it")
    @APIResponse(responseCode = "404", description = "Not found")
    @APIResponse(responseCode = "409", description = "The community is archived")
    @APIResponse(responseCode = "412", description = "If-Match names a stale version, or no ETag of this resource")
    @APIResponse(responseCode = "422", description = "A CONTACT whose contactUserId is not a member")
    public Response update(@PathParam("id") UUID id, @PathParam("resourceId") UUID resourceId,
            @Parameter(description = CommunitiesResource.IF_MATCH) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @NotNull @Valid UpdateResource request) {
        ResourceView view = resources.update(id, resourceId, request, ETags.expectedVersion(ifMatch), user.id());
        return Response.ok(view).header(HttpHeaders.ETAG, ETags.of(view.version())).build();
    }

    @DELETE
    @Path("{resourceId}")
    @Operation(operationId = "removeResource", summary = "Remove a resource (its author, owners, facilitators)",
            description = "The author (while an active member), owners and facilitators; also in an archived "
                    + "community.")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "403", description = "Not allowed to remove it")
    @APIResponse(responseCode = "404", description = "Not found")
    public void remove(@PathParam("id") UUID id, @PathParam("resourceId") UUID resourceId) {
        resources.remove(id, resourceId, user.id());
    }
}
