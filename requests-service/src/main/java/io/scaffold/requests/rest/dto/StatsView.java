package io.scaffold.requests.rest.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/** Outcomes of the requests created in [from, to): time to help and problems unblocked, not activity. */
@Schema(name = "RequestStats")
public record StatsView(
        UUID communityId, Instant from, Instant to,
        long requests,
        @Schema(description = "Share (0..1) of requests with at least one response") Double answeredShare,
        Double medianSecondsToFirstResponse,
        Double p90SecondsToFirstResponse,
        Double medianSecondsToResolution,
        @Schema(description = "Share of requests older than 24 h that had no response within 24 h")
        Double unansweredAfter24hShare,
        @Schema(description = "Share of accepted help given by the busiest 10 % of helpers")
        Double topHelpersLoadShare,
        @Schema(description = "Share of feedback saying the help unblocked the work") Double unblockedShare,
        long feedbackCount,
        long minutesSaved) {
}
