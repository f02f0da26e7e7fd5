package io.scaffold.requests.rest.dto;

import io.scaffold.requests.domain.AudienceKind;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** Someone asked to help, at which rung of the ladder (0 = at creation), and why. */
@Schema(name = "InvitedHelper")
public record HelperView(String userId, AudienceKind kind, int level, int score,
        @Schema(example = "EXPERT in kafka; 2 accepted answers on these tags") String reason, Instant invitedAt) {
}
