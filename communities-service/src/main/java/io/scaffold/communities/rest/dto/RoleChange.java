package io.scaffold.communities.rest.dto;

import io.scaffold.communities.domain.Role;
import jakarta.validation.constraints.NotNull;

public record RoleChange(@NotNull Role role) {
}
