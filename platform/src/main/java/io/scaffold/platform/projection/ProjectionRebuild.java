package io.scaffold.platform.projection;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** What one rebuild did. */
@Schema(description = "The outcome of a projection rebuild")
public record ProjectionRebuild(
        @Schema(description = "The projection rebuilt", examples = "communities") String projection,
        @Schema(description = "The topics it was rebuilt from") List<String> topics,
        @Schema(description = "Records read: everything the topics held when the rebuild began") long records,
        @Schema(description = "Events applied to the projection (those of other types are read and ignored)")
        long applied,
        @Schema(description = "Records skipped because they can never be applied (they were dead-lettered when "
                + "first consumed)") long skipped,
        @Schema(description = "When the rebuild began") Instant startedAt,
        @Schema(description = "How long it took, in milliseconds") long tookMillis,
        @Schema(description = "The operator who asked for it") String requestedBy) {
}
