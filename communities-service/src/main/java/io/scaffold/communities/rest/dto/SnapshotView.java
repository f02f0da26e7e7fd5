package io.scaffold.communities.rest.dto;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

@Schema(description = "A snapshot run: every community restated on scaffold.communities.events")
public record SnapshotView(
        @Schema(description = "The run; also snapshotId in its events") UUID id,
        @Schema(type = SchemaType.STRING, enumeration = {"REQUESTED", "RUNNING", "COMPLETED"}) String status,
        @Schema(description = "The operator who asked, or scaffold for the periodic run") String requestedBy,
        Instant requestedAt,
        @Schema(description = "When a replica began it (again, if the first one stopped)") Instant startedAt,
        Instant finishedAt,
        @Schema(description = "Communities restated so far") int communities,
        @Schema(description = "Snapshot events written so far") int events) {
}
