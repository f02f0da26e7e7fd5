package io.scaffold.local.gateway;

import io.scaffold.local.DevIdentity;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GatewayTest {
    static Vertx vertx;
    static HttpServer backend;
    static Gateway gateway;
    static DevIdentity identity;
    static final CompletableFuture<Void> firstEventReceived = new CompletableFuture<>();
    static final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    static Path state;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        backend = vertx.createHttpServer().requestHandler(request -> {
            if (request.path().equals("/api/notifications/stream")) {
                // One event now; the second only after the client has seen the first, which it can only do if the
                // gateway streams instead of buffering.
                request.response().setChunked(true).putHeader("Content-Type", "text/event-stream")
                        .write("id: 1\ndata: first\n\n");
                firstEventReceived.whenComplete((v, e) -> vertx.runOnContext(x ->
                        request.response().end("id: 2\ndata: second\n\n")));
            } else if (request.path().equals("/api/communities/forwarded")) {
                request.response().putHeader("Content-Type", "text/plain").end(request.getHeader("X-Forwarded-Host")
                        + " " + request.getHeader("X-Forwarded-Proto") + " " + request.getHeader("X-Forwarded-Port")
                        + " " + request.getHeader("Forwarded"));
            } else if (request.path().equals("/api/communities/trace")) {
                request.response().putHeader("Content-Type", "text/plain").end(request.getHeader("traceparent"));
            } else if (request.path().equals("/api/communities/bare-error")) {
                request.response().setStatusCode(413).end();
            } else {
                request.response().putHeader("Content-Type", "text/plain")
                        .end(request.path() + " " + request.getHeader("X-Request-Id"));
            }
        }).listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        identity = DevIdentity.loadOrCreate(state.resolve("identity"), "scaffold-local-stack");
        int down = freePort();
        gateway = Gateway.start("127.0.0.1", 0, RouteTable.read(Path.of("../k8s/base/gateway/httproutes.yaml")),
                Map.of("communities-service", backend.actualPort(), "notifications-service", backend.actualPort(),
                        "requests-service", down),
                List.of("http://localhost:3000"), identity);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        vertx.close();
    }

    @Test
    void requestsAreRoutedByPrefixAndGetARequestId() throws Exception {
        HttpResponse<String> response = get("/api/communities/42");
        assertEquals(200, response.statusCode());
        String id = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertEquals("/api/communities/42 " + id, response.body());
    }

    @Test
    void theGatewayStartsATraceWhenTheCallerHasNoneAndContinuesACallersTrace() throws Exception {
        String started = get("/api/communities/trace").body();
        assertTrue(started.matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01"), started);
        assertNotEquals(started, get("/api/communities/trace").body());

        String callers = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        assertEquals(callers, http.send(HttpRequest.newBuilder(uri("/api/communities/trace"))
                .header("traceparent", callers).build(), HttpResponse.BodyHandlers.ofString()).body());
        String malformed = http.send(HttpRequest.newBuilder(uri("/api/communities/trace"))
                .header("traceparent", "00-" + "0".repeat(32) + "-00f067aa0ba902b7-01").build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(malformed.matches("00-(?!0{32})[0-9a-f]{32}-[0-9a-f]{16}-01"), malformed);
    }

    @Test
    void aPathNotInNormalFormIsRoutedAsItsNormalFormIsAndAnswersOfAnAllowedOriginCarryCors() throws Exception {
        // the router's way, not the direct one: an empty segment, and a call from a browser on another origin
        HttpResponse<String> doubled = get("/api//communities/42");
        assertEquals(200, doubled.statusCode());
        assertTrue(doubled.body().startsWith("/api//communities/42 "), doubled.body());
        assertTrue(doubled.headers().firstValue("X-Request-Id").isPresent());
        HttpResponse<String> fromBrowser = http.send(HttpRequest.newBuilder(uri("/api/communities/42"))
                .header("Origin", "http://localhost:3000").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, fromBrowser.statusCode());
        assertEquals("http://localhost:3000", fromBrowser.headers().firstValue("Access-Control-Allow-Origin")
                .orElseThrow());
        assertTrue(fromBrowser.headers().firstValue("X-Request-Id").isPresent());
    }

    @Test
    void aClientsRequestIdIsKept() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/api/communities"))
                .header("X-Request-Id", "trace-me").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("/api/communities trace-me", response.body());
        assertEquals("trace-me", response.headers().firstValue("X-Request-Id").orElseThrow());
    }

    @Test
    void serverSentEventsStreamThroughWithoutBuffering() throws Exception {
        HttpResponse<java.io.InputStream> response = http.send(HttpRequest.newBuilder(
                uri("/api/notifications/stream")).build(), HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(),
                StandardCharsets.UTF_8))) {
            assertEquals("id: 1", lines.readLine());
            assertEquals("data: first", lines.readLine());
            firstEventReceived.complete(null);
            assertEquals("", lines.readLine());
            assertEquals("id: 2", lines.readLine());
        }
    }

    @Test
    void corsPreflightIsAnsweredForConfiguredOrigins() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/api/communities"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://localhost:3000")
                .header("Access-Control-Request-Method", "PATCH")
                .header("Access-Control-Request-Headers", "authorization,if-match").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("http://localhost:3000",
                response.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
        assertTrue(response.headers().firstValue("Access-Control-Allow-Methods").orElseThrow().contains("PATCH"));
    }

    @Test
    void readinessIsDownWhileAnyServiceIsDown() throws Exception {
        HttpResponse<String> response = get("/q/health/ready");
        assertEquals(503, response.statusCode());
        assertTrue(response.body().contains("{\"name\":\"requests-service\",\"status\":\"DOWN\"}"), response.body());
        assertTrue(response.body().contains("{\"name\":\"communities-service\",\"status\":\"UP\"}"), response.body());
    }

    @Test
    void devTokensAreSignedWithTheStacksKeyAndCarryUserAndRoles() throws Exception {
        HttpResponse<String> response = get("/dev/token?user=alice&roles=ld-desk,facilitator");
        assertEquals(200, response.statusCode());
        String token = response.body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
        JwtClaims claims = new JwtConsumerBuilder()
                .setVerificationKey(publicKey(identity.publicKeyFile()))
                .setExpectedIssuer("scaffold-local-stack")
                .setExpectedAudience(DevIdentity.AUDIENCE)
                .setRequireExpirationTime()
                .build().processToClaims(token);
        assertEquals("alice", claims.getSubject());
        assertEquals(List.of("ld-desk", "facilitator"), claims.getStringListClaimValue("groups"));
    }

    @Test
    void aDevTokenForAnInvalidUserIsAProblem() throws Exception {
        HttpResponse<String> response = get("/dev/token?user=");
        assertEquals(400, response.statusCode());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(response.body().contains("\"field\":\"user\""));
    }

    @Test
    void anUnknownPathIsA404Problem() throws Exception {
        HttpResponse<String> response = get("/nowhere");
        assertEquals(404, response.statusCode());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void aServiceThatIsDownIsA503ProblemWithRetryAfter() throws Exception {
        HttpResponse<String> response = get("/api/requests/42");
        assertProblem(response, 503);
        assertEquals("5", response.headers().firstValue("Retry-After").orElseThrow());
    }

    @Test
    void aBareErrorFromAServiceReachesTheClientAsAProblem() throws Exception {
        assertProblem(get("/api/communities/bare-error"), 413);
    }

    @Test
    void aRefusedCorsOriginIsA403Problem() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/api/communities"))
                .header("Origin", "http://evil.example").build(), HttpResponse.BodyHandlers.ofString());
        assertProblem(response, 403);
        assertTrue(response.body().contains("http://evil.example"), response.body());
    }

    @Test
    void oversizedInputIsAProblemFromTheGateway() throws Exception {
        assertProblem(get("/api/communities?q=" + "x".repeat(9000)), 414);
        assertProblem(http.send(HttpRequest.newBuilder(uri("/api/communities")).header("X-Padding", "p".repeat(20_000))
                .build(), HttpResponse.BodyHandlers.ofString()), 431);
        io.scaffold.platform.testing.RawHttp.Answer tooLarge = io.scaffold.platform.testing.RawHttp.send(
                gateway.port(), "POST /api/communities HTTP/1.1\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 12000000\r\n", new byte[0]);
        assertEquals(413, tooLarge.status());
        assertEquals("application/problem+json", tooLarge.header("Content-Type"));
        assertTrue(tooLarge.body().contains("12000000"), tooLarge.body());
    }

    @Test
    void dotSegmentsAreRefusedNotResolvedToAnotherRoute() throws Exception {
        io.scaffold.platform.testing.RawHttp.Answer answer = io.scaffold.platform.testing.RawHttp.send(
                gateway.port(), "DELETE /api/notifications/../communities/42 HTTP/1.1\r\n", null);
        assertEquals(400, answer.status());
        assertEquals("application/problem+json", answer.header("Content-Type"));
    }

    @Test
    void servicesLearnTheAddressTheClientCalledAndNeverAClientsClaim() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/api/communities/forwarded"))
                .header("Forwarded", "host=evil.example").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("127.0.0.1:" + gateway.port() + " http " + gateway.port() + " null", response.body());
    }

    static void assertProblem(HttpResponse<String> response, int status) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(response.body().contains("\"status\":" + status), response.body());
        assertTrue(response.body().contains("\"type\":\"urn:scaffold:problem:"), response.body());
    }

    static HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + gateway.port() + path);
    }

    static PublicKey publicKey(Path pem) throws Exception {
        String body = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(body)));
    }

    static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
