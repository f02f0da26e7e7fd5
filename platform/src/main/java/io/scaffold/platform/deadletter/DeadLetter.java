package io.scaffold.platform.deadletter;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One record on the service's dead-letter topic, with what was done about it. */
@Schema(description = "A record this service could not apply, as kept on its dead-letter topic")
public record DeadLetter(
        @Schema(description = "Its place on the dead-letter topic, <partition>-<offset>", example = "0-42") String id,
        @Schema(description = "Why it was dead-lettered", example = "untrusted producer: ...") String reason,
        @Schema(nullable = true, description = "The exception behind the reason") String cause,
        @Schema(nullable = true, description = "CloudEvents type (ce_type), when it had one") String type,
        @Schema(nullable = true, description = "CloudEvents id (ce_id), when it had one") String eventId,
        @Schema(nullable = true, description = "CloudEvents source (ce_source), when it had one") String source,
        @Schema(nullable = true, description = "The record key (the aggregate id)") String key,
        @Schema(description = "When it was dead-lettered") Instant deadLetteredAt,
        @Schema(description = "The topic it was consumed from") String originalTopic,
        @Schema(description = "Its partition there") int originalPartition,
        @Schema(description = "Its offset there") long originalOffset,
        @Schema(description = "Replays so far, oldest first") List<Replay> replays,
        @Schema(nullable = true, description = "The record's value (only when one dead letter is asked for)")
        String value,
        @Schema(nullable = true, description = "All its headers (only when one dead letter is asked for)")
        Map<String, String> headers) {

    /** One replay of a dead letter. */
    @Schema(description = "One replay of a dead letter")
    public record Replay(
            @Schema(description = "When") Instant at,
            @Schema(description = "Who (the caller's user id)") String by,
            @Schema(description = "APPLIED: its effect was written now; ALREADY_APPLIED: it had been, nothing was "
                    + "written; FAILED: it still cannot be applied") Outcome outcome,
            @Schema(nullable = true, description = "Why it failed") String detail) {
    }

    public enum Outcome { APPLIED, ALREADY_APPLIED, FAILED }

    DeadLetter summary() {
        return new DeadLetter(id, reason, cause, type, eventId, source, key, deadLetteredAt, originalTopic,
                originalPartition, originalOffset, replays, null, null);
    }

    DeadLetter withReplays(List<Replay> history) {
        return new DeadLetter(id, reason, cause, type, eventId, source, key, deadLetteredAt, originalTopic,
                originalPartition, originalOffset, history, value, headers);
    }
}
