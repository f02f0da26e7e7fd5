package io.scaffold.journeys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.scaffold.platform.testing.ContractFiles;
import io.scaffold.platform.testing.OpenApiConformance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The API contract as a frontend team meets it, on the full stack: the suite's OpenAPI document served by the gateway
 * and kept in the repository, every document of the suite clean under Spectral and Redocly, and a journey that relies
 * only on what the document promises (statuses, headers, nullability, links that work through the gateway).
 */
class ApiContractJourneyTest {
    private static final Path API = Path.of("../api");
    private static final Path OUT = Path.of("target/contracts");
    private static final List<String> SERVICES = List.of("communities-service", "requests-service",
            "notifications-service");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JourneyStack stack;
    private static JsonNode suite;

    @BeforeAll
    static void startTheSuite() throws IOException {
        stack = JourneyStack.shared();
        suite = JSON.readTree(given().get(stack.gateway + "/q/openapi").then().statusCode(200)
                .contentType(ContentType.JSON).extract().asString());
    }

    @Test
    void theGatewayServesTheSuitesDocumentAndTheRepositoryHoldsItsCurrentVersion() {
        assertThat(suite.path("servers").get(0).path("url").asText()).isEqualTo(stack.gateway);
        assertThat(suite.path("paths").fieldNames()).toIterable().anyMatch(p -> p.startsWith("/api/communities"))
                .anyMatch(p -> p.startsWith("/api/requests")).anyMatch(p -> p.startsWith("/api/notifications"));
        ObjectNode committed = suite.deepCopy();
        // The stack runs on free ports; the repository's copy names the default gateway address.
        ((ObjectNode) committed.path("servers").get(0)).put("url", "http://localhost:8080");
        ContractFiles.assertCommitted(API.resolve("openapi.yaml"), ContractFiles.yaml(committed));
    }

    @Test
    void everyDocumentOfTheSuitePassesSpectralAndRedoclyWithoutErrors() throws Exception {
        Files.createDirectories(OUT);
        List<Path> openApi = new ArrayList<>();
        List<Path> asyncApi = new ArrayList<>();
        Path suiteFile = OUT.resolve("suite.openapi.json");
        Files.writeString(suiteFile, suite.toPrettyString());
        openApi.add(suiteFile);
        for (String service : SERVICES) {
            String base = "http://localhost:" + stack.port(service);
            Path document = OUT.resolve(service + ".openapi.json");
            Files.writeString(document, given().get(base + "/q/openapi?format=json").then().statusCode(200)
                    .extract().asString());
            openApi.add(document);
            Path events = OUT.resolve(service + ".asyncapi.yaml");
            Files.writeString(events, given().get(base + "/q/asyncapi").then().statusCode(200).extract().asString());
            asyncApi.add(events);
        }
        installLinters();
        List<Path> all = new ArrayList<>(openApi);
        all.addAll(asyncApi);
        run(List.of("node_modules/.bin/redocly", "lint", "--config", "redocly.yaml"), all);
        run(List.of("node_modules/.bin/spectral", "lint", "--fail-severity=error", "--ruleset", ".spectral.yaml"),
                openApi);
        run(List.of("node_modules/.bin/spectral", "lint", "--fail-severity=error", "--ruleset",
                ".spectral-asyncapi.yaml"), asyncApi);
    }

    /**
     * A frontend team's client: types generated from the suite's document (openapi-typescript) and code that uses
     * them compiled with {@code tsc --strict}, which fails if a property that arrives as null is not nullable in the
     * types, or one that is always there is optional (deploy/api/typescript/usage.ts).
     */
    @Test
    void aTypedClientGeneratedFromTheSuiteDocumentCompilesWithoutCasts() throws Exception {
        Files.createDirectories(OUT);
        Path suiteFile = OUT.resolve("suite.openapi.json");
        Files.writeString(suiteFile, suite.toPrettyString());
        installLinters();
        run(List.of("node_modules/.bin/openapi-typescript", suiteFile.toAbsolutePath().toString(), "-o",
                "typescript/scaffold.d.ts"), List.of());
        run(List.of("node_modules/.bin/tsc", "--strict", "--noEmit", "--target", "es2022", "--moduleResolution",
                "node", "typescript/usage.ts"), List.of());
    }

    /**
     * A frontend's first journey, each answer held to the suite's document: create a community and follow its
     * Location through the gateway, edit it with the ETag, another person joins and asks in it at once (told to retry
     * while requests-service catches up, never refused), an answer is given and accepted.
     */
    @Test
    void aJourneyThroughTheGatewayGetsOnlyWhatTheDocumentPromises() {
        OpenApiConformance conformance = new OpenApiConformance(suite);
        String owner = "contract-owner-" + System.nanoTime();
        String member = "contract-member-" + System.nanoTime();

        Response created = as(owner, conformance).body("{\"name\":\"Contract " + System.nanoTime()
                + "\",\"description\":\"Typed clients\",\"visibility\":\"PUBLIC\",\"tags\":[\"typescript\"]}")
                .post("/api/communities");
        assertThat(created.statusCode()).isEqualTo(201);
        String location = created.header("Location");
        assertThat(location).startsWith(stack.gateway + "/api/communities/");
        Response community = as(owner, conformance).get(location);
        assertThat(community.statusCode()).isEqualTo(200);
        String etag = community.header("ETag");
        assertThat(etag).isNotBlank();
        assertThat(as(owner, conformance).header("If-Match", etag).body("{\"description\":\"Typed clients, typed\"}")
                .patch(location).statusCode()).isEqualTo(200);

        Response joined = as(member, conformance).post(location + "/members");
        assertThat(joined.statusCode()).isEqualTo(200);
        String events = joined.header("Scaffold-Events");
        assertThat(events).isNotBlank();
        String communityId = community.path("id");
        String ask = "{\"title\":\"Generated client needs casts\",\"body\":\"Nullable fields arrive as null\","
                + "\"tags\":[\"typescript\"],\"urgency\":\"NORMAL\",\"communityId\":\"" + communityId + "\"}";
        List<Integer> statuses = new ArrayList<>();
        String[] requestId = new String[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            Response asked = as(member, conformance).header("Scaffold-After-Events", events).body(ask)
                    .post("/api/requests");
            statuses.add(asked.statusCode());
            if (asked.statusCode() == 409) {
                assertThat((String) asked.path("type")).isEqualTo("urn:scaffold:problem:catching-up");
                assertThat(asked.header("Retry-After")).isNotBlank();
                TimeUnit.SECONDS.sleep(Long.parseLong(asked.header("Retry-After"))); // as a client honours it
                return false;
            }
            requestId[0] = asked.path("id");
            return asked.statusCode() == 201;
        });
        assertThat(statuses).as("never refused while catching up").doesNotContain(403);

        Response request = as(owner, conformance).get("/api/requests/" + requestId[0]);
        assertThat(request.statusCode()).isEqualTo(200);
        assertThat((Object) request.path("resolvedAt")).isNull();
        Response answer = as(owner, conformance).body("{\"kind\":\"ANSWER\",\"text\":\"Mark them nullable\"}")
                .post("/api/requests/" + requestId[0] + "/responses");
        assertThat(answer.statusCode()).isEqualTo(201);
        Response accepted = as(member, conformance)
                .post("/api/requests/" + requestId[0] + "/responses/" + answer.path("id") + "/accept");
        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat((String) accepted.path("resolvedAt")).isNotBlank();
        await().atMost(Duration.ofSeconds(30)).until(() -> as(owner, conformance).get("/api/notifications")
                .path("items.kind").toString().contains("ANSWER_ACCEPTED"));
    }

    private RequestSpecification as(String user, OpenApiConformance conformance) {
        return given().baseUri(stack.gateway).filter(conformance.filter())
                .header("Authorization", "Bearer " + stack.token(user)).contentType(ContentType.JSON);
    }

    /** The tools pinned in deploy/api/package-lock.json, installed once per clone (again when one is missing). */
    private static synchronized void installLinters() throws Exception {
        if (!List.of("spectral", "redocly", "openapi-typescript", "tsc").stream()
                .allMatch(tool -> Files.isExecutable(API.resolve("node_modules/.bin/" + tool)))) {
            run(List.of("npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts"), List.of());
        }
    }

    private static void run(List<String> command, List<Path> files) throws Exception {
        List<String> full = new ArrayList<>(command);
        files.forEach(file -> full.add(file.toAbsolutePath().toString()));
        ProcessBuilder builder = new ProcessBuilder(full).directory(API.toFile()).redirectErrorStream(true);
        builder.environment().put("REDOCLY_TELEMETRY", "off");
        builder.environment().put("SCARF_ANALYTICS", "false");
        builder.environment().put("NO_COLOR", "1");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as("%s%n%s", String.join(" ", command), output).isZero();
    }
}
