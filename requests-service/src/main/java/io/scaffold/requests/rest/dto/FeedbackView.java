package io.scaffold.requests.rest.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

@Schema(name = "FeedbackGiven")
public record FeedbackView(UUID requestId, boolean unblocked, Integer minutesSaved, String comment, Instant givenAt) {
}
