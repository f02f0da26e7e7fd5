package io.scaffold.communities.rest.dto;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.scaffold.communities.domain.ResourceType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Schema(name = "SharedResource")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResourceView(
        UUID id,
        UUID communityId,
        ResourceType type,
        @Schema(example = "Consumer lag runbook") String title,
        String description,
        List<String> tags,
        @Schema(example = "https://wiki.example.com/kafka/lag") String url,
        @Schema(description = "CONTACT: the member to talk to") String contactUserId,
        @Schema(description = "GUIDE: the help request it was published from") UUID sourceRequestId,
        String authorId,
        Instant createdAt,
        Instant updatedAt,
        @JsonIgnore @Schema(hidden = true) long version) {
}
