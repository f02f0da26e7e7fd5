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
     * A REST Assured filter that holds every answer to the document: a call whose answer the document does not
     * promise fails the test at once, naming the operation and what broke.
     */
    public io.restassured.filter.Filter filter() {
        return (request, response, context) -> {
            io.restassured.response.Response answer = context.next(request, response);
            String path = java.net.URI.create(request.getURI()).getPath();
            String template = templateOf(path);
            if (template == null) {
                throw new AssertionError(request.getMethod() + " " + path + " is not in the OpenAPI document");
            }
            String contentType = answer.getContentType();
            JsonNode body = null;
            if (contentType != null && contentType.contains("json") && !answer.asString().isEmpty()) {
                try {
                    body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer.asString());
                } catch (java.io.IOException e) {
                    throw new AssertionError(request.getMethod() + " " + path + " answered invalid JSON", e);
                }
            }
            List<String> violations = violations(request.getMethod(), template, answer.getStatusCode(), contentType,
                    body);
            if (!violations.isEmpty()) {
                throw new AssertionError(request.getMethod() + " " + template + " answered " + answer.getStatusCode()
                        + " outside the OpenAPI document: " + violations + "\n" + answer.asString());
            }
            return answer;
        };
    }

    /** The document's path template that matches a concrete path, literal segments preferred. */
    public String templateOf(String path) {
        String best = null;
        int bestParameters = Integer.MAX_VALUE;
        for (java.util.Iterator<String> it = document.path("paths").fieldNames(); it.hasNext(); ) {
            String template = it.next();
            String regex = java.util.Arrays.stream(template.split("/", -1))
                    .map(segment -> segment.startsWith("{") && segment.endsWith("}") ? "[^/]+"
                            : java.util.regex.Pattern.quote(segment))
                    .collect(Collectors.joining("/"));
            int parameters = template.split("\\{", -1).length - 1;
            if (path.matches(regex) && parameters < bestParameters) {
                best = template;
                bestParameters = parameters;
            }
        }
        return best;
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
