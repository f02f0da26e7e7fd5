package io.scaffold.platform.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sweep of malformed input over every operation the service's OpenAPI document lists, sent as raw bytes by a signed-in
 * caller: broken path segments, query values and bodies of every wrong shape. It fails on any 5xx, on any error that is
 * not {@code application/problem+json}, and on a body with a value of the wrong JSON type that the service accepts.
 * Each service's test extends it and names real resources for path parameters (so that the sweep reaches past the
 * lookup), by overriding {@link #pathValues()}.
 */
public abstract class RobustnessContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> BODY_METHODS = Set.of("PUT", "POST", "PATCH");
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}/]+)}");
    private static final String LONG_TEXT = "x".repeat(100_000);

    /** Path segment variants: NUL, dot segments, encodings that do not decode, wrong types, a target too long. */
    private static final List<String> BAD_SEGMENTS = List.of("%00", "a%00b", "..", ".", "%2e%2e", "%2E.", "%",
            "%E2%82", "%C0%AF", "not-a-uuid", "-1", "0", "99999999999999999999", "1.5", "%20", "%27%22", "%7B%7D",
            "x".repeat(9000));
    /** Query value variants, percent-encoded as sent. */
    private static final List<String> BAD_QUERY_VALUES = List.of("%00", "a%00b", "%", "%E2%82", "", "%20%20",
            "-1", "0", "99999999999999999999", "1.5", "1e400", "true", "%5B%5D", "%7B%7D", "%27%3B--",
            "-999999999-01-01T00:00:00Z", "%2B999999999-12-31T23:59:59Z", "0000-00-00", "2026-02-30",
            "not-a-uuid", "x".repeat(3000), "%F0%9F%92%A9", "a,b,,c", "%0A%0D");

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final List<String> failures = new ArrayList<>();
    private OpenApiConformance conformance;
    private int sent;

    /** Who calls: a signed-in user allowed to reach as many operations as possible. */
    protected abstract String authorization();

    /** Values for path parameters by name (real resources of {@link #authorization()}'s user); others get a UUID. */
    protected Map<String, String> pathValues() {
        return Map.of();
    }

    @Test
    void noMalformedInputGetsA5xxOrAnErrorThatIsNotProblemJson() throws Exception {
        JsonNode document = JSON.readTree(RestAssured.given().accept("application/json").queryParam("format", "json")
                .get("/q/openapi").then().statusCode(200).extract().asString());
        conformance = new OpenApiConformance(document);
        Map<String, String> known = new LinkedHashMap<>(pathValues());
        List<Operation> operations = operations(document);
        assertThat(operations).as("operations under /api/").isNotEmpty();
        // Deleting operations last, so that the resources named in pathValues() serve every other operation first.
        operations.sort((a, b) -> Boolean.compare(a.method.equals("DELETE"), b.method.equals("DELETE")));
        for (Operation operation : operations) {
            sweepPath(operation, known);
            sweepQuery(operation, known);
            if (BODY_METHODS.contains(operation.method)) {
                sweepBody(operation, known, document);
            }
        }
        assertThat(sent).as("requests sent").isGreaterThan(operations.size());
        assertThat(failures).as("answers to malformed input (%d requests over %d operations)", sent,
                operations.size()).isEmpty();
    }

    private void sweepPath(Operation operation, Map<String, String> known) throws InterruptedException {
        for (String parameter : operation.pathParameters) {
            for (String segment : BAD_SEGMENTS) {
                String target = fill(operation.path, known, parameter, segment);
                send(operation, "path " + parameter + "=" + abbreviate(segment), target, null, "application/json",
                        false);
            }
        }
    }

    private void sweepQuery(Operation operation, Map<String, String> known) throws InterruptedException {
        String base = fill(operation.path, known, null, null);
        for (String parameter : operation.queryParameters) {
            for (String value : BAD_QUERY_VALUES) {
                send(operation, "query " + parameter + "=" + abbreviate(value), base + "?" + parameter + "=" + value,
                        BODY_METHODS.contains(operation.method) ? "{}" : null, "application/json", false);
            }
            send(operation, "query " + parameter + " twice", base + "?" + parameter + "=1&" + parameter + "=2",
                    BODY_METHODS.contains(operation.method) ? "{}" : null, "application/json", false);
        }
        send(operation, "unknown query parameter with NUL", base + "?x%00=1", null, "application/json", false);
    }

    private void sweepBody(Operation operation, Map<String, String> known, JsonNode document)
            throws InterruptedException {
        String target = fill(operation.path, known, null, null);
        for (String raw : List.of("", "not json", "{", "}", "[]", "null", "\"text\"", "42", "true", "{} {}",
                "{}garbage", "{\"a\":1}{\"b\":2}", "\u0000", "{\"\u0000\":1}", "{\"x\":\"\\u0000\"}",
                "[" + "[".repeat(5000), "{\"a\":" + "9".repeat(5000) + "}")) {
            send(operation, "body " + abbreviate(raw), target, raw, "application/json", false);
        }
        send(operation, "body without Content-Type", target, "{}", null, false);
        send(operation, "body as text/plain", target, "{}", "text/plain", false);
        send(operation, "body over the size limit", target, "{\"a\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}",
                "application/json", false);

        JsonNode schema = resolve(document, operation.bodySchema);
        if (schema == null || !schema.path("properties").isObject()) {
            return;
        }
        ObjectNode valid = (ObjectNode) example(document, schema, 0);
        send(operation, "body from the examples", target, valid.toString(), "application/json", false);
        Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields();
        while (properties.hasNext()) {
            Map.Entry<String, JsonNode> property = properties.next();
            String name = property.getKey();
            JsonNode propertySchema = resolve(document, property.getValue());
            for (Map.Entry<String, JsonNode> wrong : wrongValues(propertySchema).entrySet()) {
                ObjectNode body = valid.deepCopy();
                body.set(name, wrong.getValue());
                send(operation, "body " + name + "=" + wrong.getKey(), target, body.toString(), "application/json",
                        true);
            }
            for (String odd : List.of("\"\"", "\"   \"", "null", "\"a\\u0000b\"", "\"" + LONG_TEXT + "\"",
                    "-1", "99999999999999999999999", "[null]", "[\"\"]", "[\"a\\u0000\"]", "{\"a\":null}")) {
                ObjectNode body = valid.deepCopy();
                String text = body.toString();
                String mutated = "{\"" + name + "\":" + odd + (text.length() > 2 ? "," + text.substring(1) : "}");
                // The mutated key first and the valid one after it: a repeated key, which must be refused too.
                send(operation, "body " + name + " repeated after " + abbreviate(odd), target, mutated,
                        "application/json", true);
                body.set(name, readOrText(odd));
                send(operation, "body " + name + "=" + abbreviate(odd), target, body.toString(), "application/json",
                        false);
            }
        }
    }

    /** Values whose JSON type differs from the schema's: a strict API must refuse every one of them. */
    private static Map<String, JsonNode> wrongValues(JsonNode schema) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        Map<String, JsonNode> wrong = new LinkedHashMap<>();
        String type = typeOf(schema);
        if (schema.has("enum")) {
            wrong.put("enum position 1", nodes.numberNode(1));
            wrong.put("enum value in lower case", nodes.textNode(schema.get("enum").get(0).asText().toLowerCase(
                    Locale.ROOT) + "x"));
        }
        switch (type) {
            case "string" -> {
                wrong.put("number", nodes.numberNode(12));
                wrong.put("boolean", nodes.booleanNode(true));
                wrong.put("object", nodes.objectNode().put("a", 1));
                wrong.put("array", nodes.arrayNode().add("a"));
            }
            case "integer" -> {
                wrong.put("string of digits", nodes.textNode("12"));
                wrong.put("fraction", nodes.numberNode(1.5));
                wrong.put("boolean", nodes.booleanNode(true));
                wrong.put("object", nodes.objectNode());
            }
            case "number" -> {
                wrong.put("string of digits", nodes.textNode("12"));
                wrong.put("boolean", nodes.booleanNode(false));
            }
            case "boolean" -> {
                wrong.put("string", nodes.textNode("true"));
                wrong.put("number", nodes.numberNode(1));
            }
            case "array" -> {
                wrong.put("string", nodes.textNode("a"));
                wrong.put("object", nodes.objectNode());
                wrong.put("number", nodes.numberNode(1));
            }
            case "object" -> {
                wrong.put("string", nodes.textNode("a"));
                wrong.put("array", nodes.arrayNode());
                wrong.put("number", nodes.numberNode(1));
            }
            default -> {
            }
        }
        return wrong;
    }

    private static JsonNode readOrText(String raw) {
        try {
            return JSON.readTree(raw);
        } catch (IOException e) {
            return JsonNodeFactory.instance.textNode(raw);
        }
    }

    /** A value built from the schema's examples (or a plain value of its type). */
    private static JsonNode example(JsonNode document, JsonNode schema, int depth) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        schema = resolve(document, schema);
        if (schema == null) {
            return nodes.nullNode();
        }
        if (schema.has("example")) {
            JsonNode example = schema.get("example");
            if (example.isTextual() && typeOf(schema).equals("array")) {
                return readOrText(example.asText());
            }
            return example;
        }
        if (schema.has("enum")) {
            return schema.get("enum").get(0);
        }
        return switch (typeOf(schema)) {
            case "object" -> {
                ObjectNode object = nodes.objectNode();
                if (depth < 4) {
                    schema.path("properties").fields().forEachRemaining(property ->
                            object.set(property.getKey(), example(document, property.getValue(), depth + 1)));
                }
                yield object;
            }
            case "array" -> nodes.arrayNode();
            case "integer", "number" -> nodes.numberNode(1);
            case "boolean" -> nodes.booleanNode(false);
            default -> "uuid".equals(schema.path("format").asText()) ? nodes.textNode(UUID.randomUUID().toString())
                    : nodes.textNode("text");
        };
    }

    private static String typeOf(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!"null".equals(t.asText())) {
                    return t.asText();
                }
            }
        }
        if (type.isTextual()) {
            return type.asText();
        }
        return schema.has("properties") ? "object" : "";
    }

    private static JsonNode resolve(JsonNode document, JsonNode schema) {
        if (schema == null || schema.isMissingNode()) {
            return null;
        }
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            return resolve(document, document.at(ref.substring(1)));
        }
        if (schema.has("allOf") && schema.get("allOf").size() == 1) {
            return resolve(document, schema.get("allOf").get(0));
        }
        if (schema.has("anyOf") || schema.has("oneOf")) {
            for (JsonNode option : schema.has("anyOf") ? schema.get("anyOf") : schema.get("oneOf")) {
                JsonNode resolved = resolve(document, option);
                if (resolved != null && !"null".equals(resolved.path("type").asText())) {
                    return resolved;
                }
            }
        }
        return schema;
    }

    private void send(Operation operation, String variant, String target, String body, String contentType,
            boolean mustBeRefused) throws InterruptedException {
        String name = operation.method + " " + operation.path + " [" + variant + "]";
        sent++;
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(baseUri() + target.substring(1)));
        } catch (IllegalArgumentException unsendable) {
            return; // the JDK client itself refuses this target, so no client would ever send it
        }
        request.timeout(Duration.ofSeconds(20))
                .header("Authorization", authorization())
                .header("Accept", operation.eventStream ? "text/event-stream" : "application/json");
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        request.method(operation.method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        HttpResponse<InputStream> response;
        try {
            // An oversized body is refused and its connection closed: send it on a client of its own, so that the
            // connection pool of the sweep never holds a connection the server is closing.
            HttpClient sender = body != null && body.length() > 1024 * 1024 ? HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build() : client;
            response = sender.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            if (body != null && body.length() > 1024 * 1024) {
                return; // the server may close the connection while an oversized body is still being sent
            }
            failures.add(name + ": " + e);
            return;
        }
        int status = response.statusCode();
        String type = response.headers().firstValue("Content-Type").orElse("");
        String text;
        try (InputStream in = response.body()) {
            // An open event stream is never read to its end; any other answer is read whole.
            text = type.startsWith("text/event-stream") ? "" : new String(in.readNBytes(1 << 20),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            text = "";
        }
        checkConformance(name, operation, status, type, text);
        if (status >= 500) {
            failures.add(name + ": " + status + " " + type + " " + text);
        } else if (status >= 400 && !isProblem(type, text, status)) {
            failures.add(name + ": " + status + " is not problem+json: " + type + " " + text);
        } else if (mustBeRefused && status < 400) {
            failures.add(name + ": accepted with " + status);
        }
    }

    /** Every answer, error or not, must be one the document promises, with a body of the documented shape. */
    private void checkConformance(String name, Operation operation, int status, String type, String text) {
        JsonNode body = null;
        if (type.contains("json") && !text.isEmpty()) {
            try {
                body = JSON.readTree(text);
            } catch (IOException e) {
                failures.add(name + ": " + status + " body is not JSON: "
                        + (text.length() > 400 ? text.substring(0, 400) + "..." : text));
                return;
            }
        }
        List<String> violations = conformance.violations(operation.method, operation.path, status, type, body);
        if (!violations.isEmpty()) {
            failures.add(name + ": " + status + " breaks the OpenAPI document: " + violations + " "
                    + (text.length() > 400 ? text.substring(0, 400) + "..." : text));
        }
    }

    private static boolean isProblem(String contentType, String body, int status) {
        if (!contentType.toLowerCase(Locale.ROOT).startsWith("application/problem+json")) {
            return false;
        }
        try {
            JsonNode problem = JSON.readTree(body);
            return problem.path("status").asInt() == status && problem.path("type").asText().startsWith("urn:")
                    && problem.hasNonNull("detail");
        } catch (IOException e) {
            return false;
        }
    }

    private static String fill(String path, Map<String, String> known, String parameter, String value) {
        Matcher matcher = PATH_PARAMETER.matcher(path);
        StringBuilder concrete = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String filled = name.equals(parameter) ? value
                    : known.getOrDefault(name, UUID.randomUUID().toString());
            matcher.appendReplacement(concrete, Matcher.quoteReplacement(filled));
        }
        matcher.appendTail(concrete);
        return concrete.toString();
    }

    private static String abbreviate(String value) {
        return value.length() > 40 ? value.substring(0, 20) + "...(" + value.length() + " chars)" : value;
    }

    private static String baseUri() {
        String base = RestAssured.baseURI + ":" + RestAssured.port + RestAssured.basePath;
        return base.endsWith("/") ? base : base + "/";
    }

    private static List<Operation> operations(JsonNode document) {
        List<Operation> operations = new ArrayList<>();
        document.path("paths").fields().forEachRemaining(pathEntry -> {
            String path = pathEntry.getKey();
            if (!path.startsWith("/api/")) {
                return;
            }
            JsonNode item = pathEntry.getValue();
            item.fields().forEachRemaining(operationEntry -> {
                String method = operationEntry.getKey().toUpperCase(Locale.ROOT);
                if (!Set.of("GET", "PUT", "POST", "DELETE", "PATCH").contains(method)) {
                    return;
                }
                JsonNode operation = operationEntry.getValue();
                List<String> pathParameters = new ArrayList<>();
                List<String> queryParameters = new ArrayList<>();
                List<JsonNode> parameters = new ArrayList<>();
                item.path("parameters").forEach(parameters::add);
                operation.path("parameters").forEach(parameters::add);
                for (JsonNode parameter : parameters) {
                    JsonNode resolved = resolve(document, parameter);
                    String in = resolved.path("in").asText();
                    String name = resolved.path("name").asText();
                    if (in.equals("path") && !pathParameters.contains(name)) {
                        pathParameters.add(name);
                    } else if (in.equals("query") && !queryParameters.contains(name)) {
                        queryParameters.add(name);
                    }
                }
                boolean eventStream = operation.path("responses").toString().contains("text/event-stream");
                JsonNode bodySchema = operation.path("requestBody").path("content").path("application/json")
                        .path("schema");
                operations.add(new Operation(method, path, pathParameters, queryParameters, eventStream,
                        bodySchema.isMissingNode() ? null : bodySchema));
            });
        });
        return operations;
    }

    private record Operation(String method, String path, List<String> pathParameters, List<String> queryParameters,
            boolean eventStream, JsonNode bodySchema) {
    }
}
