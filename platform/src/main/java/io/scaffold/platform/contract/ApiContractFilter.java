package io.scaffold.platform.contract;

import io.scaffold.platform.consistency.ConsistencyHeaders;
import io.scaffold.platform.problem.ProblemDetail;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Makes every service's OpenAPI document say what the platform guarantees, in one place: every error is
 * {@code application/problem+json} with the Problem schema; every operation documents 401, 500 and 503 (the latter
 * with {@code Retry-After}); the bearer JWT scheme is declared once and required; the server is the gateway
 * ({@code scaffold.openapi.server-url}); contact and license are stated; and every property of a response schema is
 * {@code required}, because responses always carry every property (null where the schema says nullable).
 */
public class ApiContractFilter implements OASFilter {
    private static final String PROBLEM = "Problem";
    private static final String FIELD_ERROR = "FieldError";
    private static final String SCHEMA_PREFIX = "#/components/schemas/";
    static final String JWT_SCHEME = "jwt";

    @Override
    public Operation filterOperation(Operation operation) {
        if (operation.getResponses() == null) {
            return operation;
        }
        if (declaredPublic(operation)) {
            operation.setSecurity(new ArrayList<>()); // security: [], no token at all (not "optional")
        } else {
            addIfMissing(operation, "401", "Missing, invalid or expired bearer token");
        }
        addIfMissing(operation, "4XX", "Any other refusal of the request, e.g. input over the limits (413, 414, 431), "
                + "a NUL character or a dot segment in the path (400), a body without Content-Type (415)");
        addIfMissing(operation, "500", "Unexpected failure (logged; no details exposed)");
        addIfMissing(operation, "503", "A dependency (the database) is unavailable; retry after Retry-After seconds");
        for (Map.Entry<String, APIResponse> response : operation.getResponses().getAPIResponses().entrySet()) {
            if (isError(response.getKey())) {
                response.getValue().setContent(problemContent());
            }
            if (response.getKey().equals("503") || response.getKey().equals("429")) {
                response.getValue().addHeader("Retry-After", retryAfter());
            } else if (response.getKey().equals("409")) {
                response.getValue().addHeader("Retry-After", retryAfter()
                        .description("On catching-up only: seconds to wait before trying again"));
            }
        }
        return operation;
    }

    /** An operation annotated {@code @SecurityRequirementsSet} with no requirement: it needs no token. */
    private static boolean declaredPublic(Operation operation) {
        return operation.getSecurity() != null && operation.getSecurity().stream()
                .allMatch(requirement -> requirement.getSchemes() == null || requirement.getSchemes().isEmpty());
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents();
        if (components == null) {
            components = OASFactory.createComponents();
            openAPI.setComponents(components);
        }
        components.addSchema(FIELD_ERROR, fieldErrorSchema());
        components.addSchema(PROBLEM, problemSchema());
        if (components.getSecuritySchemes() != null) {
            for (String name : List.copyOf(components.getSecuritySchemes().keySet())) {
                if (!name.equals(JWT_SCHEME) && !isUsed(openAPI, name)) {
                    components.removeSecurityScheme(name);
                }
            }
        }
        components.addSecurityScheme(JWT_SCHEME, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                .description("A JWT whose sub is the user id and whose groups claim holds the roles"));
        openAPI.setSecurity(new ArrayList<>(List.of(OASFactory.createSecurityRequirement().addScheme(JWT_SCHEME))));
        openAPI.setServers(new ArrayList<>(List.of(OASFactory.createServer().url(setting("scaffold.openapi.server-url",
                "http://localhost:8080")).description("The Scaffold gateway: every service's API under its prefix"))));
        if (openAPI.getInfo() != null) {
            openAPI.getInfo().contact(OASFactory.createContact().name(setting("scaffold.openapi.contact-name",
                    "Scaffold maintainers")).url(setting("scaffold.openapi.contact-url", null)))
                    .license(OASFactory.createLicense().name("Apache 2.0").identifier("Apache-2.0"));
        }
        requireEveryPropertyOfResponses(openAPI);
        documentEventIdsOfChanges(openAPI);
        nameSharedOperationsAfterTheService(openAPI);
    }

    /**
     * Operations every service has from the platform (the dead-letter API) get the service's name in their
     * operationId, so ids stay unique in the suite's merged document and in clients generated from it.
     */
    private static void nameSharedOperationsAfterTheService(OpenAPI openAPI) {
        if (openAPI.getPaths() == null) {
            return;
        }
        String service = camel(setting("quarkus.application.name", "service").replace("-service", ""));
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (path.contains("/ops/")) {
                item.getOperations().values().stream().filter(operation -> operation.getOperationId() != null)
                        .forEach(operation -> operation.setOperationId(service
                                + Character.toUpperCase(operation.getOperationId().charAt(0))
                                + operation.getOperationId().substring(1)));
            }
        });
    }

    private static String camel(String name) {
        StringBuilder camel = new StringBuilder();
        boolean upper = false;
        for (char c : name.toCharArray()) {
            if (c == '-' || c == '_' || c == '.') {
                upper = true;
            } else {
                camel.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return camel.toString();
    }

    /** Successful changes tell the ids of the events they published (read-your-writes across services). */
    private static void documentEventIdsOfChanges(OpenAPI openAPI) {
        if (openAPI.getPaths() == null) {
            return;
        }
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            item.getOperations().forEach((method, operation) -> {
                if (method == PathItem.HttpMethod.GET || operation.getResponses() == null) {
                    return;
                }
                if (!operation.getResponses().hasAPIResponse("429")) {
                    operation.getResponses().addAPIResponse("429", OASFactory.createAPIResponse()
                            .description("The caller makes changes faster than its write rate allows")
                            .content(problemContent())
                            .addHeader("Retry-After", retryAfter()));
                }
                operation.getResponses().getAPIResponses().forEach((code, response) -> {
                    if (code.startsWith("2")) {
                        response.addHeader(ConsistencyHeaders.EVENTS, OASFactory.createHeader()
                                .description("Present when the change published events: their ids, comma-separated."
                                        + " Pass them in " + ConsistencyHeaders.AFTER_EVENTS + " to another service"
                                        + " to be told 409 catching-up, not a refusal, while it has not applied them")
                                .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)));
                    }
                });
            });
        }
    }

    /** Responses always carry every property (null where nullable), so each is required for a typed client. */
    private static void requireEveryPropertyOfResponses(OpenAPI openAPI) {
        Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
        if (schemas == null || openAPI.getPaths() == null) {
            return;
        }
        Set<String> inResponses = new HashSet<>();
        Set<String> inRequests = new HashSet<>();
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            for (Operation operation : item.getOperations().values()) {
                if (operation.getRequestBody() != null) {
                    reachable(operation.getRequestBody().getContent(), schemas, inRequests);
                }
                if (operation.getResponses() != null) {
                    operation.getResponses().getAPIResponses().forEach((code, response) -> {
                        if (code.startsWith("2")) {
                            reachable(response.getContent(), schemas, inResponses);
                        }
                    });
                }
            }
        }
        for (String name : inResponses) {
            Schema schema = schemas.get(name);
            if (inRequests.contains(name) || name.equals(PROBLEM) || schema.getProperties() == null
                    || schema.getProperties().isEmpty()) {
                continue;
            }
            schema.setRequired(new ArrayList<>(schema.getProperties().keySet()));
        }
    }

    private static void reachable(Content content, Map<String, Schema> schemas, Set<String> found) {
        if (content == null || content.getMediaTypes() == null) {
            return;
        }
        Deque<Schema> pending = new ArrayDeque<>();
        content.getMediaTypes().values().forEach(media -> {
            if (media.getSchema() != null) {
                pending.add(media.getSchema());
            }
        });
        while (!pending.isEmpty()) {
            Schema schema = pending.pop();
            if (schema.getRef() != null && schema.getRef().startsWith(SCHEMA_PREFIX)) {
                String name = schema.getRef().substring(SCHEMA_PREFIX.length());
                if (found.add(name) && schemas.get(name) != null) {
                    pending.add(schemas.get(name));
                }
                continue;
            }
            if (schema.getProperties() != null) {
                pending.addAll(schema.getProperties().values());
            }
            if (schema.getItems() != null) {
                pending.add(schema.getItems());
            }
            if (schema.getAdditionalPropertiesSchema() != null) {
                pending.add(schema.getAdditionalPropertiesSchema());
            }
            for (List<Schema> alternatives : new ArrayList<>(java.util.Arrays.asList(schema.getAllOf(),
                    schema.getAnyOf(), schema.getOneOf()))) {
                if (alternatives != null) {
                    pending.addAll(alternatives);
                }
            }
        }
    }

    private static boolean isUsed(OpenAPI openAPI, String scheme) {
        if (openAPI.getPaths() == null) {
            return false;
        }
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            for (Operation operation : item.getOperations().values()) {
                if (operation.getSecurity() != null && operation.getSecurity().stream()
                        .anyMatch(requirement -> requirement.hasScheme(scheme))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static org.eclipse.microprofile.openapi.models.headers.Header retryAfter() {
        return OASFactory.createHeader().description("Seconds to wait before trying again")
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER));
    }

    private static void addIfMissing(Operation operation, String code, String description) {
        if (!operation.getResponses().hasAPIResponse(code)) {
            operation.getResponses().addAPIResponse(code, OASFactory.createAPIResponse().description(description));
        }
    }

    private static String setting(String name, String fallback) {
        return ConfigProvider.getConfig().getOptionalValue(name, String.class).orElse(fallback);
    }

    private static Schema text(String description) {
        Schema schema = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        return description == null ? schema : schema.description(description);
    }

    private static Schema fieldErrorSchema() {
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("One invalid input")
                .addProperty("field", text("JSON path of the input, e.g. tags[2], or the parameter or header name")
                        .example("tags[2]"))
                .addProperty("message", text("What is wrong with it").example("must not be blank"))
                .required(new ArrayList<>(List.of("field", "message")));
    }

    private static Schema problemSchema() {
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem details")
                .addProperty("type", text("Identifies the kind of problem (README lists them)").format("uri")
                        .example("urn:scaffold:problem:validation"))
                .addProperty("title", text("Short summary of the kind of problem").example("Invalid request"))
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).example(400))
                .addProperty("detail", text("What went wrong with this request").example("name: must not be blank"))
                .addProperty("instance", text("The path of the request").example("/api/communities"))
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY)
                        .description("Field-level errors, for invalid input")
                        .items(OASFactory.createSchema().ref(SCHEMA_PREFIX + FIELD_ERROR)))
                .required(new ArrayList<>(List.of("type", "title", "status", "detail", "instance")));
    }

    private static boolean isError(String code) {
        return code.length() == 3 && (code.startsWith("4") || code.startsWith("5"));
    }

    private static Content problemContent() {
        MediaType problem = OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref(SCHEMA_PREFIX + PROBLEM));
        return OASFactory.createContent().addMediaType(ProblemDetail.MEDIA_TYPE, problem);
    }
}
