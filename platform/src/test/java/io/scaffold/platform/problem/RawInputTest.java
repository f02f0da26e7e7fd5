package io.scaffold.platform.problem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.scaffold.platform.testing.RawHttp;
import io.scaffold.platform.testing.TestInfrastructure;
import io.scaffold.platform.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each class of malformed input, sent as raw bytes: a clear problem+json 4xx naming the field, never a 5xx, never
 * accepted.
 */
@QuarkusTest
class RawInputTest {
    private static final String AUTH = "Authorization: " + TestTokens.bearer("alice", "member") + "\r\n";

    private static RawHttp.Answer post(String path, String json) throws IOException {
        return RawHttp.send("POST " + path + " HTTP/1.1\r\n" + AUTH + "Content-Type: application/json\r\n",
                json.getBytes(StandardCharsets.UTF_8));
    }

    private static RawHttp.Answer get(String target) throws IOException {
        return RawHttp.send("GET " + target + " HTTP/1.1\r\n" + AUTH, null);
    }

    private static void assertProblem(RawHttp.Answer answer, int status, String field) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        JsonPath problem = JsonPath.from(answer.body());
        assertThat(problem.getInt("status")).isEqualTo(status);
        assertThat(problem.getString("detail")).isNotBlank();
        if (field != null) {
            assertThat(problem.getList("errors.field", String.class)).contains(field);
        }
    }

    @Test
    void aNulCharacterInAQueryValueIsA400NamingTheParameter() throws IOException {
        assertProblem(get("/api/widgets/search?q=a%00b"), 400, "q");
    }

    @Test
    void aNulCharacterInAPathIsA400() throws IOException {
        assertProblem(get("/api/widgets/search%00"), 400, "path");
    }

    @Test
    void aNulCharacterInABodyStringIsA400NamingTheField() throws IOException {
        RawHttp.Answer answer = post("/api/widgets", "{\"name\":\"a\\u0000b\"}");
        assertProblem(answer, 400, "name");
        assertThat(JsonPath.from(answer.body()).getString("errors[0].message")).contains("NUL");
    }

    @Test
    void aRepeatedKeyIsA400NamingTheKey() throws IOException {
        assertProblem(post("/api/widgets", "{\"name\":\"first\",\"count\":1,\"name\":\"second\"}"), 400, "name");
    }

    @Test
    void contentAfterTheJsonDocumentIsA400() throws IOException {
        assertProblem(post("/api/widgets", "{\"name\":\"ok\"} {\"name\":\"again\"}"), 400, null);
        assertProblem(post("/api/widgets", "{\"name\":\"ok\"}garbage"), 400, null);
    }

    @Test
    void anEnumSentAsItsPositionIsA400() throws IOException {
        assertProblem(post("/api/widgets", "{\"name\":\"ok\",\"color\":1}"), 400, "color");
    }

    @Test
    void numbersAndBooleansAreNotStringsAndStringsAreNotNumbers() throws IOException {
        assertProblem(post("/api/widgets", "{\"name\":12}"), 400, "name");
        assertProblem(post("/api/widgets", "{\"name\":true}"), 400, "name");
        assertProblem(post("/api/widgets", "{\"name\":\"ok\",\"count\":\"12\"}"), 400, "count");
        assertProblem(post("/api/widgets", "{\"name\":\"ok\",\"count\":1.5}"), 400, "count");
        assertProblem(post("/api/widgets", "{\"name\":\"ok\",\"active\":\"true\"}"), 400, "active");
        assertProblem(post("/api/widgets", "{\"name\":\"ok\",\"active\":1}"), 400, "active");
        assertProblem(post("/api/widgets", "{\"name\":\"ok\",\"tags\":\"a\"}"), 400, "tags");
    }

    @Test
    void anEmptyOrBlankIdIsA400NotAnAbsentOne() throws IOException {
        assertProblem(post("/api/widgets", "{\"name\":\"ok\",\"ownerId\":\"\"}"), 400, "ownerId");
        assertProblem(post("/api/widgets", "{\"name\":\"ok\",\"ownerId\":\"   \"}"), 400, "ownerId");
    }

    @Test
    void aBodyWithoutContentTypeIsA415() throws IOException {
        assertProblem(RawHttp.send("POST /api/widgets HTTP/1.1\r\n" + AUTH,
                "{\"name\":\"ok\"}".getBytes(StandardCharsets.UTF_8)), 415, "Content-Type");
    }

    @Test
    void aBodyOverTheLimitIsA413Problem() throws IOException {
        RawHttp.Answer answer = RawHttp.send("POST /api/widgets HTTP/1.1\r\n" + AUTH
                + "Content-Type: application/json\r\nContent-Length: 12000000\r\n", new byte[0]);
        assertProblem(answer, 413, null);
        assertThat(JsonPath.from(answer.body()).getString("detail")).contains("12000000").contains("1048576");
    }

    private static RawHttp.Answer postChunked(String json) throws IOException {
        byte[] chunk = json.getBytes(StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        body.write(chunk);
        body.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return RawHttp.send("POST /api/widgets HTTP/1.1\r\n" + AUTH
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n", body.toByteArray());
    }

    @Test
    void aChunkedBodyOverTheLimitIsA413ProblemAndOneWithinItIsRead() throws IOException {
        assertProblem(postChunked("{\"name\":\"" + "x".repeat(1_500_000) + "\"}"), 413, null);
        RawHttp.Answer within = postChunked("{\"name\":\"chunked\"}");
        assertThat(within.status()).as(within.body()).isEqualTo(200);
        assertThat(JsonPath.from(get("/api/widgets/search?q=chunked").body()).getList("$")).contains("chunked");
    }

    @Test
    void aTargetOverTheLimitIsA414Problem() throws IOException {
        assertProblem(get("/api/widgets/search?q=" + "x".repeat(9000)), 414, null);
    }

    @Test
    void headersOverTheLimitAreA431Problem() throws IOException {
        assertProblem(RawHttp.send("GET /api/widgets/search HTTP/1.1\r\n" + AUTH + "X-Padding: "
                + "p".repeat(20_000) + "\r\n", null), 431, null);
    }

    @Test
    void dotSegmentsAreRefusedAndNeverResolved() throws IOException {
        String id = JsonPath.from(post("/api/widgets", "{\"name\":\"kept\"}").body()).getString("id");
        for (String target : new String[] {"/api/widgets/" + id + "/rename/x/..", "/api/widgets/" + id + "/rename/..",
                "/api/widgets/" + id + "/rename/%2e%2e/", "/api/widgets/" + id + "/./"}) {
            assertProblem(RawHttp.send("DELETE " + target + " HTTP/1.1\r\n" + AUTH, null), 400, "path");
        }
        assertThat(JsonPath.from(get("/api/widgets/search?q=kept").body()).getList("$")).contains("kept");
    }

    @Test
    void anInstantOutOfRangeIsA400() throws IOException {
        assertProblem(get("/api/widgets/search?since=-999999999-01-01T00:00:00Z"), 400, "since");
        assertProblem(get("/api/widgets/search?since=%2B999999999-12-31T23:59:59Z"), 400, "since");
    }

    @Test
    void whileTheDatabaseRefusesConnectionsTheAnswerIs503WithRetryAfterAndServiceResumesAfter() throws IOException {
        TestInfrastructure.acceptConnections("platform", false);
        try {
            RawHttp.Answer read = get("/api/widgets/search?q=x");
            assertProblem(read, 503, null);
            assertThat(read.header("Retry-After")).isEqualTo("5");
            RawHttp.Answer write = post("/api/widgets", "{\"name\":\"during\"}");
            assertProblem(write, 503, null);
            assertThat(write.header("Retry-After")).isEqualTo("5");
        } finally {
            TestInfrastructure.acceptConnections("platform", true);
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                .until(() -> get("/api/widgets/search?q=x").status() == 200);
    }
}
