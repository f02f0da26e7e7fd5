package io.scaffold.requests.rest.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

/** Help that may already exist: a resolved request or a community resource. */
@Schema(name = "SimilarItem")
public record SimilarItem(@Schema(enumeration = {"REQUEST", "RESOURCE"}) String kind, UUID id, String title,
        List<String> tags,
        @Schema(nullable = true, description = "Null for a request asked outside any community") UUID communityId,
        @Schema(nullable = true, description = "A resource's URL; null for requests and for resources without one")
        String url,
        float rank) {
}
