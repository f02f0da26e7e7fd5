package io.scaffold.platform.testing;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

/**
 * What every Scaffold service must offer operators and API users, whatever its domain: probes that reflect its
 * database and broker, its OpenAPI document and Swagger UI, Prometheus metrics, and a 401 problem+json from every API
 * operation without a valid token. Each service's test extends it.
 */
public abstract class ServiceFoundationContract {
    private static final Set<String> OPERATION_METHODS = Set.of("GET", "PUT", "POST", "DELETE", "PATCH");
    private static final Set<String> BODY_METHODS = Set.of("PUT", "POST", "PATCH");
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}/]+)}");
    private static final String EVENT_STREAM = "text/event-stream";
    private static final String UNAUTHENTICATED = "urn:scaffold:problem:unauthenticated";

    @Test
    void livenessIsUp() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void readinessIsUpAndCoversTheDatabaseAndTheBroker() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Database connections health check",
                        "SmallRye Reactive Messaging - readiness check"));
    }

    /** Served, and kept in {@code target/contracts/} for the linters and for review of a build's document. */
    @Test
    void theOpenApiDocumentIsServed() throws IOException {
        String document = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("openapi", startsWith("3.")).extract().asString();
        java.nio.file.Files.createDirectories(Path.of("target/contracts"));
        java.nio.file.Files.writeString(Path.of("target/contracts/openapi.json"), document);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyApiOperationHasAnIdASummaryAndProblemJsonErrors() {
        Map<String, Object> paths = given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .extract().jsonPath().getMap("paths");
        List<String> missing = new ArrayList<>();
        paths.forEach((path, item) -> ((Map<String, Object>) item).forEach((method, value) -> {
            if (!path.startsWith("/api/") || !(value instanceof Map<?, ?> operation)) {
                return;
            }
            String name = method.toUpperCase() + " " + path;
            if (operation.get("operationId") == null) {
                missing.add(name + ": operationId");
            }
            if (operation.get("summary") == null) {
                missing.add(name + ": summary");
            }
            Map<String, Object> responses = (Map<String, Object>) operation.get("responses");
            boolean declaredPublic = operation.get("security") instanceof List<?> security && security.isEmpty();
            if (responses == null || !declaredPublic && !responses.containsKey("401")) {
                missing.add(name + ": 401 response");
            } else {
                responses.forEach((code, response) -> {
                    Object content = ((Map<String, Object>) response).get("content");
                    if (code.startsWith("4") && (content == null
                            || !((Map<String, Object>) content).containsKey("application/problem+json"))) {
                        missing.add(name + ": " + code + " as application/problem+json");
                    }
                });
            }
        }));
        org.assertj.core.api.Assertions.assertThat(missing).as("OpenAPI gaps").isEmpty();
    }

    /**
     * Every operation the OpenAPI document lists under {@code /api/}, called with no token and with a token that is not
     * a JWT: each must answer 401 problem+json of type unauthenticated, before it looks at ids or bodies. Path
     * parameters are random (a UUID, or a number where the document says integer); bodies are {@code {}}. Sent with
     * the JDK client and a timeout, so an operation that wrongly opened an event stream fails instead of hanging. An
     * operation the document declares public ({@code security: []}) is left out: it must say so to be.
     */
    @Test
    @SuppressWarnings("unchecked")
    void everyApiOperationAnswers401ProblemJsonWithoutAValidToken() throws Exception {
        Map<String, Object> paths = given().accept("application/json").queryParam("format", "json")
                .get("/q/openapi").then().statusCode(200).extract().jsonPath().getMap("paths");
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        List<String> failures = new ArrayList<>();
        List<String> checked = new ArrayList<>();
        for (Map.Entry<String, Object> pathEntry : paths.entrySet()) {
            String path = pathEntry.getKey();
            if (!path.startsWith("/api/") || !(pathEntry.getValue() instanceof Map<?, ?> item)) {
                continue;
            }
            for (Map.Entry<?, ?> operationEntry : item.entrySet()) {
                String method = String.valueOf(operationEntry.getKey()).toUpperCase(Locale.ROOT);
                if (!OPERATION_METHODS.contains(method)
                        || !(operationEntry.getValue() instanceof Map<?, ?> operation)) {
                    continue;
                }
                String name = method + " " + path;
                if (operation.get("security") instanceof List<?> security && security.isEmpty()) {
                    continue; // declared public (security: []), e.g. a mail's unsubscribe link
                }
                String target = concretePath(path, (List<Object>) item.get("parameters"),
                        (List<Object>) operation.get("parameters"));
                boolean eventStream = producesEventStream(operation);
                checked.add(name);
                checkUnauthenticated(client, name + " without a token", method, target, eventStream, null, failures);
                checkUnauthenticated(client, name + " with a bearer token that is not a JWT", method, target,
                        eventStream, "Bearer not-a-jwt", failures);
            }
        }
        org.assertj.core.api.Assertions.assertThat(checked).as("operations under /api/ in the OpenAPI document")
                .isNotEmpty();
        org.assertj.core.api.Assertions.assertThat(failures)
                .as("operations that do not answer 401 problem+json (%s) without a valid token", UNAUTHENTICATED)
                .isEmpty();
    }

    private static void checkUnauthenticated(HttpClient client, String name, String method, String target,
            boolean eventStream, String authorization, List<String> failures) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUri().resolve(target))
                .timeout(Duration.ofSeconds(15))
                .header("Accept", eventStream ? EVENT_STREAM : "*/*");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (BODY_METHODS.contains(method)) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString("{}"));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            failures.add(name + ": " + e);
            return;
        }
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        String body;
        try (InputStream in = response.body()) {
            // A 2xx may be an open event stream: never read it to the end.
            body = response.statusCode() / 100 == 2 ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            body = "";
        }
        String type = null;
        try {
            type = JsonPath.from(body).getString("type");
        } catch (RuntimeException notJson) {
            // reported below with the body
        }
        if (response.statusCode() != 401 || !contentType.toLowerCase(Locale.ROOT).startsWith("application/problem+json")
                || !UNAUTHENTICATED.equals(type)) {
            failures.add(name + ": " + response.statusCode() + " " + contentType + " "
                    + (body.length() > 300 ? body.substring(0, 300) + "..." : body));
        }
    }

    /** The server the tests talk to, as the Quarkus test runner configured REST Assured. */
    private static URI baseUri() {
        String base = RestAssured.baseURI + ":" + RestAssured.port + RestAssured.basePath;
        return URI.create(base.endsWith("/") ? base : base + "/");
    }

    /** The path with every {parameter} filled in, relative to the base URI. */
    private static String concretePath(String path, List<Object> pathItemParameters, List<Object> parameters) {
        Matcher matcher = PATH_PARAMETER.matcher(path);
        StringBuilder concrete = new StringBuilder();
        while (matcher.find()) {
            String parameter = matcher.group(1);
            Object schemaType = null;
            List<Object> all = new ArrayList<>();
            if (pathItemParameters != null) {
                all.addAll(pathItemParameters);
            }
            if (parameters != null) {
                all.addAll(parameters);
            }
            for (Object candidate : all) {
                if (candidate instanceof Map<?, ?> declared && parameter.equals(declared.get("name"))
                        && declared.get("schema") instanceof Map<?, ?> schema) {
                    schemaType = schema.get("type");
                }
            }
            String type = String.valueOf(schemaType);
            String value = type.contains("integer") || type.contains("number")
                    ? Long.toString(ThreadLocalRandom.current().nextLong(1, Integer.MAX_VALUE))
                    : UUID.randomUUID().toString();
            matcher.appendReplacement(concrete, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(concrete);
        return concrete.substring(1); // relative: the base URI carries the root path
    }

    private static boolean producesEventStream(Map<?, ?> operation) {
        if (!(operation.get("responses") instanceof Map<?, ?> responses)) {
            return false;
        }
        for (Object response : responses.values()) {
            if (response instanceof Map<?, ?> declared && declared.get("content") instanceof Map<?, ?> content
                    && content.keySet().stream().anyMatch(type -> String.valueOf(type).startsWith(EVENT_STREAM))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The AsyncAPI document is authored in {@code src/main/asyncapi/asyncapi.yaml} with references to the producers'
     * schema files; the service ships and serves a self-contained bundle of it, kept in the repository and checked
     * against a fresh bundle here.
     */
    @Test
    void theAsyncApiDocumentIsSelfContainedServedAndUpToDate() {
        String bundled = ContractFiles.bundleAsyncApi(Path.of("src/main/asyncapi/asyncapi.yaml"));
        ContractFiles.assertCommitted(Path.of("src/main/resources/META-INF/scaffold/asyncapi.yaml"), bundled);
        org.assertj.core.api.Assertions.assertThat(bundled).as("references left in the bundle")
                .doesNotContainPattern("\\$ref: *'?(\\.|/|[a-z])");
        if (!Boolean.getBoolean(ContractFiles.UPDATE)) {
            given().get("/q/asyncapi").then().statusCode(200).contentType(startsWith("application/yaml"))
                    .body(equalTo(bundled));
            given().queryParam("format", "json").get("/q/asyncapi").then().statusCode(200)
                    .contentType(startsWith("application/json")).body("asyncapi", startsWith("3."));
        }
    }

    /**
     * One-column native queries are untyped and read with {@code ScalarResults}: with a basic result class
     * ({@code String.class}) Hibernate misses its plan cache on every execution and walks a growing bin of entries.
     */
    @Test
    void noNativeQueryDeclaresABasicResultClass() throws IOException {
        Pattern basicClass = Pattern.compile(",\\s*(String|UUID|Long|Integer|Short|Boolean|Double|BigDecimal|BigInteger"
                + "|Instant|OffsetDateTime|LocalDate|LocalDateTime|Timestamp)\\.class$");
        List<String> offenders = new ArrayList<>();
        try (var files = java.nio.file.Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = java.nio.file.Files.readString(file);
                for (int at = source.indexOf("createNativeQuery("); at >= 0;
                        at = source.indexOf("createNativeQuery(", at + 1)) {
                    Matcher found = basicClass.matcher(arguments(source, at + "createNativeQuery(".length()));
                    if (found.find()) {
                        offenders.add(file + ": " + found.group(1) + ".class");
                    }
                }
            }
        }
        org.assertj.core.api.Assertions.assertThat(offenders).as("native queries with a basic result class").isEmpty();
    }

    /** The text between an opening parenthesis (just before {@code from}) and its match. */
    private static String arguments(String source, int from) {
        int depth = 1;
        int at = from;
        while (at < source.length() && depth > 0) {
            char c = source.charAt(at++);
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
        }
        return source.substring(from, Math.max(from, at - 1)).strip();
    }

    @Test
    void swaggerUiIsServed() {
        given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    }

    @Test
    void prometheusMetricsAreServed() {
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    }
}
