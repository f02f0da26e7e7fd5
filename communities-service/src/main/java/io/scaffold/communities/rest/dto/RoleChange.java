package io.scaffold.communities.rest.dto;

import io.scaffold.communities.domain.Role;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "RoleChange")
public record RoleChange(@NotNull @Schema(example = "FACILITATOR") Role role) {
}
