package io.scaffold.communities.rest.dto;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.scaffold.communities.domain.ResourceType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Schema(name = "SharedResource")
public record ResourceView(
        @Schema(example = "3f2b8c1e-5d4a-4e7b-9a61-2c8d0f1b7e53") UUID id,
        @Schema(example = "7c9e6679-7425-40de-944b-e07fc1f90ae7") UUID communityId,
        @Schema(example = "LINK") ResourceType type,
        @Schema(example = "Consumer lag runbook") String title,
        @Schema(example = "What to check first when consumer lag grows after a deploy") String description,
        @Schema(example = "[\"kafka\", \"consumer-lag\"]") List<String> tags,
        @Schema(nullable = true, description = "http(s) URL; always set for LINK, DOCUMENT and COURSE, optional (null "
                + "when absent) for CONTACT and GUIDE", example = "https://wiki.example.com/kafka/lag") String url,
        @Schema(nullable = true, description = "CONTACT: the member to talk to; null for the other types",
                example = "alice") String contactUserId,
        @Schema(nullable = true, description = "GUIDE: the help request it was published from; null otherwise",
                example = "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d")
        UUID sourceRequestId,
        @Schema(example = "bob") String authorId,
        @Schema(example = "2025-03-14T09:30:00Z") Instant createdAt,
        @Schema(example = "2025-04-02T16:45:00Z") Instant updatedAt,
        @JsonIgnore @Schema(hidden = true) long version) {
}
