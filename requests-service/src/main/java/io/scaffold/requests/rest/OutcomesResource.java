package io.scaffold.requests.rest;

import io.scaffold.platform.http.QueryParams;
import io.scaffold.requests.rest.dto.FeedbackInput;
import io.scaffold.requests.rest.dto.FeedbackView;
import io.scaffold.requests.rest.dto.StatsView;
import io.scaffold.requests.service.Callers;
import io.scaffold.requests.service.OutcomeService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
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

import java.util.UUID;

@Path("/api/requests")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Outcomes", description = "Whether help unblocked the work, and the figures that measure it")
public class OutcomesResource {
    private final OutcomeService outcomes;
    private final Callers callers;

    public OutcomesResource(OutcomeService outcomes, Callers callers) {
        this.outcomes = outcomes;
        this.callers = callers;
    }

    @PUT
    @Path("{id}/feedback")
    @Operation(operationId = "giveFeedback", summary = "Say whether the help unblocked the work (requester only)",
            description = "The requester only, on resolved requests; sending it again replaces it. A blank comment is "
                    + "stored as null.")
    @APIResponse(responseCode = "200", description = "The feedback as stored",
            content = @Content(schema = @Schema(implementation = FeedbackView.class)))
    @APIResponse(responseCode = "400", description = "Invalid input (see errors[])")
    @APIResponse(responseCode = "403", description = "The caller is not the requester")
    @APIResponse(responseCode = "404", description = "Not found")
    @APIResponse(responseCode = "409", description = "The request is not resolved")
    public FeedbackView giveFeedback(@PathParam("id") UUID id, @NotNull @Valid FeedbackInput feedback) {
        return outcomes.giveFeedback(id, feedback, callers.current());
    }

    @GET
    @Path("{id}/feedback")
    @Operation(operationId = "getFeedback", summary = "Read the feedback (requester and accepted helper)",
            description = "For the requester and the helper whose response was accepted; 404 until the requester "
                    + "has given feedback.")
    @APIResponse(responseCode = "200", description = "The feedback",
            content = @Content(schema = @Schema(implementation = FeedbackView.class)))
    @APIResponse(responseCode = "403", description = "Neither the requester nor the accepted helper")
    @APIResponse(responseCode = "404", description = "No such request, or no feedback yet")
    public FeedbackView feedback(@PathParam("id") UUID id) {
        return outcomes.feedbackOf(id, callers.current());
    }

    @GET
    @Path("stats")
    @Operation(operationId = "requestStats", summary = "Outcome figures of the requests created in a period",
            description = "For a community's owners and facilitators and the L&D desk (organisation-wide without "
                    + "communityId: the desk only). Covers the requests created in [from, to); defaults to the 30 "
                    + "days before to, and the period may span at most 366 days. Shares and times are null when "
                    + "there is nothing to measure.")
    @APIResponse(responseCode = "200", description = "The figures",
            content = @Content(schema = @Schema(implementation = StatsView.class)))
    @APIResponse(responseCode = "400", description = "Invalid parameter, from not before to, or a period longer "
            + "than 366 days")
    @APIResponse(responseCode = "403", description = "The caller may not see these figures")
    public StatsView stats(
            @Parameter(description = "A community's figures; the organisation's without it",
                    schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @QueryParam("communityId") String communityId,
            @Parameter(description = "Start (ISO-8601 date or date-time, inclusive; default 30 days before to). A "
                    + "date such as 2026-01-31 is accepted too and means midnight UTC.",
                    schema = @Schema(type = SchemaType.STRING, format = "date-time"))
            @QueryParam("from") String from,
            @Parameter(description = "End (exclusive; default now), an ISO-8601 date-time. A date such as "
                    + "2026-01-31 is accepted too and means midnight UTC.",
                    schema = @Schema(type = SchemaType.STRING, format = "date-time"))
            @QueryParam("to") String to) {
        return outcomes.stats(QueryParams.optionalUuid("communityId", communityId),
                QueryParams.optionalInstant("from", from), QueryParams.optionalInstant("to", to), callers.current());
    }
}
