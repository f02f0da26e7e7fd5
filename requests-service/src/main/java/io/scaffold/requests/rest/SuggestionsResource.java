package io.scaffold.requests.rest;

import io.scaffold.platform.http.QueryParams;
import io.scaffold.platform.paging.PageSize;
import io.scaffold.requests.rest.dto.SolutionView;
import io.scaffold.requests.rest.dto.SolvedInput;
import io.scaffold.requests.rest.dto.Suggestions;
import io.scaffold.requests.service.Callers;
import io.scaffold.requests.service.SuggestionService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
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

@Path("/api/requests/suggestions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Help before asking", description = "What already exists for a problem, while it is typed, and the "
        + "problems solved without asking")
public class SuggestionsResource {
    private final SuggestionService suggestions;
    private final Callers callers;

    public SuggestionsResource(SuggestionService suggestions, Callers callers) {
        this.suggestions = suggestions;
        this.callers = callers;
    }

    @GET
    @Operation(operationId = "suggestHelp", summary = "Existing answers, resources and people for what is typed",
            description = "Fast enough for each keystroke. Matches title, tags and body (the last word as a prefix "
                    + "while it is typed) and, for typos, titles by trigram similarity. Answers: requests the caller "
                    + "can see, resolved ones with an accepted answer first (never naming a requester). Resources: "
                    + "the libraries of the communities the caller can see (public ones and their own), guides "
                    + "first. People: who routing would invite if the caller asked now with these tags, with the "
                    + "reason. With communityId (the caller must be a member), that community's items rank higher "
                    + "and the people are its members.")
    @APIResponse(responseCode = "200", description = "The suggestions",
            content = @Content(schema = @Schema(implementation = Suggestions.class)))
    @APIResponse(responseCode = "400", description = "Nothing to search, q too long, an invalid tag, limit or id")
    @APIResponse(responseCode = "403", description = "communityId names a community the caller is not a member of")
    public Suggestions suggest(
            @Parameter(description = "What the person has typed so far (up to 200 characters)",
                    schema = @Schema(type = SchemaType.STRING, maxLength = 200))
            @QueryParam("q") String q,
            @Parameter(description = "Tags chosen so far (repeat the parameter; up to 10)")
            @QueryParam("tags") List<String> tags,
            @Parameter(description = "The community the person would ask in",
                    schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @QueryParam("communityId") String communityId,
            @Parameter(description = "Items per list, 1-20 (default 5)",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "20"))
            @QueryParam("limit") String limit) {
        return suggestions.suggest(q, tags, QueryParams.optionalUuid("communityId", communityId),
                PageSize.of(QueryParams.optionalInt("limit", limit), 5, 20), callers.current());
    }

    @POST
    @Path("solved")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "markSolvedWithoutAsking", summary = "This solved it: a suggestion solved the problem",
            description = "Records who, what, when and the words searched, and publishes "
                    + "scaffold.self-service.solved.v1; counted in the stats as a problem solved by self-service. "
                    + "Saying it again for the same item returns the first record (200).")
    @APIResponse(responseCode = "201", description = "Recorded",
            content = @Content(schema = @Schema(implementation = SolutionView.class)))
    @APIResponse(responseCode = "200", description = "Already recorded for this person and item",
            content = @Content(schema = @Schema(implementation = SolutionView.class)))
    @APIResponse(responseCode = "400", description = "Invalid input (see errors[])")
    @APIResponse(responseCode = "404", description = "No such request or resource visible to the caller")
    @APIResponse(responseCode = "409", description = "The caller's own request")
    public Response solved(@NotNull @Valid SolvedInput input) {
        SuggestionService.Recorded recorded = suggestions.solved(input, callers.current());
        return Response.status(recorded.created() ? Response.Status.CREATED : Response.Status.OK)
                .entity(recorded.solution()).build();
    }
}
