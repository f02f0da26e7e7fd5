package io.scaffold.platform.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks answers against what an OpenAPI document promises for them: the status is documented, and a JSON body is
 * valid against the documented schema (types, nullability, required properties, formats, enums), as a typed client
 * generated from the document would assume.
 */
public final class OpenApiConformance {
    private final JsonNode document;
    private final Map<String, JsonSchema> schemas = new HashMap<>();

    public OpenApiConformance(JsonNode document) {
        this.document = document;
    }

    /**
     * The ways the answer breaks the document's promise for the operation ({@code path} as written in the document,
     * e.g. {@code /api/requests/{id}}); empty when it keeps it.
     */
    public List<String> violations(String method, String path, int status, String contentType, JsonNode body) {
        JsonNode responses = document.path("paths").path(path).path(method.toLowerCase()).path("responses");
        if (responses.isMissingNode()) {
            return List.of("operation not in the document");
        }
        String code = Integer.toString(status);
        if (!responses.has(code)) {
            code = code.charAt(0) + "XX"; // a range, as OpenAPI allows
        }
        if (!responses.has(code)) {
            code = "default";
        }
        if (!responses.has(code)) {
            return List.of("status " + status + " is not documented (documented: "
                    + String.join(", ", (Iterable<String>) responses::fieldNames) + ")");
        }
        if (body == null || contentType == null || !contentType.contains("json")) {
            return List.of();
        }
        String mediaType = contentType.split(";")[0].trim();
        JsonNode content = responses.path(code).path("content");
        if (!content.has(mediaType)) {
            return List.of("content type " + mediaType + " is not documented for " + code);
        }
        String pointer = "/paths/" + escape(path) + "/" + method.toLowerCase() + "/responses/" + code + "/content/"
                + escape(mediaType) + "/schema";
        if (document.at(pointer).isMissingNode()) {
            return List.of();
        }
        JsonSchema schema = schemas.computeIfAbsent(pointer, this::schemaAt);
        Set<ValidationMessage> errors = schema.validate(body);
        return errors.stream().map(ValidationMessage::getMessage).sorted().collect(Collectors.toList());
    }

    /** The whole document as the schema root (so that its component references resolve), pointing at one schema. */
    private JsonSchema schemaAt(String pointer) {
        ObjectNode root = ((ObjectNode) document).deepCopy();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("$ref", "#" + pointer);
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(root, config);
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
