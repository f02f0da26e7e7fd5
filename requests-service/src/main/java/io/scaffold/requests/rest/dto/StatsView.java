package io.scaffold.requests.rest.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Outcomes of the requests created in [from, to): time to help and problems unblocked, not activity. */
@Schema(name = "RequestStats")
public record StatsView(
        @Schema(nullable = true, description = "The community; null for organisation-wide figures") UUID communityId,
        Instant from, Instant to,
        long requests,
        @Schema(nullable = true, description = "Share (0..1) of requests with at least one response; null when there "
                + "are no requests")
        Double answeredShare,
        @Schema(nullable = true, description = "Seconds; null when no request had a response")
        Double medianSecondsToFirstResponse,
        @Schema(nullable = true, description = "Seconds; null when no request had a response")
        Double p90SecondsToFirstResponse,
        @Schema(nullable = true, description = "Seconds; null when no request was resolved")
        Double medianSecondsToResolution,
        @Schema(nullable = true, description = "Share of requests older than 24 h that had no response within 24 h; "
                + "null when no request is older than 24 h")
        Double unansweredAfter24hShare,
        @Schema(nullable = true, description = "Share of accepted help given by the busiest 10 % of helpers; null "
                + "when no help was accepted")
        Double topHelpersLoadShare,
        @Schema(nullable = true, description = "Share of feedback saying the help unblocked the work; null without "
                + "feedback")
        Double unblockedShare,
        long feedbackCount,
        long minutesSaved,
        @Schema(description = "Problems solved without asking in the period: a suggested answer or resource solved "
                + "them (\"this solved it\"), next to the requests asked")
        long selfServed,
        @Schema(description = "The answers and resources that solved the most problems without asking, most first "
                + "(at most 10)")
        List<TopSolution> topSolutions) {

    @Schema(name = "TopSolution")
    public record TopSolution(io.scaffold.requests.domain.SolutionKind kind,
            @Schema(description = "The request or resource") UUID id, String title,
            @Schema(description = "Problems it solved in the period") long solved) {
    }
}
