package io.scaffold.requests.rest.dto;

import io.scaffold.requests.domain.ResponseKind;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Schema(name = "Response")
public record ResponseView(UUID id, UUID requestId, String responderId, ResponseKind kind, String text,
        List<String> links, boolean accepted, Instant createdAt) {
}
