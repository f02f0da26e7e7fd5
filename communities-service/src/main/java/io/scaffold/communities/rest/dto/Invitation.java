package io.scaffold.communities.rest.dto;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Invitation")
public record Invitation(
        @NotBlank @Size(max = 128) @Pattern(regexp = "^[^\\s]+$", message = "must not contain spaces")
        @Schema(example = "bob") String userId) {
}
