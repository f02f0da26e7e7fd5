package io.scaffold.requests.rest.dto;

import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The guide's text; when absent, the question followed by the accepted answer. */
@Schema(name = "Publish")
public record PublishInput(@Size(max = 20000) String guide) {
}
