package io.scaffold.platform.problem;

import io.quarkus.test.junit.QuarkusTest;
import io.scaffold.platform.testing.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

@QuarkusTest
class ProblemAnswersTest {

    RequestSpecification alice() {
        return given().header("Authorization", TestTokens.bearer("alice", "member")).contentType(ContentType.JSON);
    }

    @Test
    void malformedJsonIsA400ProblemOnTheBody() {
        alice().body("{\"name\": \"x\",,}").post("/api/widgets")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:scaffold:problem:malformed-body"))
                .body("status", equalTo(400))
                .body("errors[0].field", equalTo("body"));
    }

    @Test
    void aWrongTypeNamesTheField() {
        alice().body("{\"name\":\"ok\",\"count\":\"many\"}").post("/api/widgets")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("count"))
                .body("errors[0].message", equalTo("must be a number"));
    }

    @Test
    void anUnknownEnumValueListsTheAllowedValues() {
        alice().body("{\"name\":\"ok\",\"color\":\"BLUE\"}").post("/api/widgets")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("color"))
                .body("errors[0].message", equalTo("must be one of RED, GREEN"));
    }

    @Test
    void constraintViolationsAreListedPerField() {
        alice().body("{\"name\":\"\",\"tags\":[\"a\",\"\",\"toolongtag\"]}").post("/api/widgets")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:scaffold:problem:validation"))
                .body("errors.field", hasItem("name"))
                .body("errors.field", hasItem("tags[1]"))
                .body("errors.field", hasItem("tags[2]"));
    }

    @Test
    void anOversizedListIsA400NotA500() {
        StringBuilder tags = new StringBuilder("[");
        for (int i = 0; i < 10_000; i++) {
            tags.append(i == 0 ? "" : ",").append("\"t\"");
        }
        alice().body("{\"name\":\"ok\",\"tags\":" + tags + "]}").post("/api/widgets")
                .then().statusCode(400).body("errors.field", hasItem("tags"));
    }

    @Test
    void aMissingBodyIsA400() {
        alice().post("/api/widgets").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void anInvalidQueryParameterNamesTheParameter() {
        alice().get("/api/widgets?limit=0").then().statusCode(400).body("errors[0].field", equalTo("limit"));
    }

    @Test
    void aTokenIssuedForAnotherApiIsRefused() {
        given().header("Authorization", TestTokens.otherAudienceBearer("alice")).get("/api/widgets/whoami")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void withoutATokenTheApiAnswers401AsProblemJson() {
        given().get("/api/widgets/whoami")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("type", equalTo("urn:scaffold:problem:unauthenticated"));
    }

    @Test
    void aTokenSignedByAnUntrustedKeyIsRejected() {
        given().header("Authorization", TestTokens.forgedBearer("mallory")).get("/api/widgets/whoami")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void anExpiredTokenIsRejected() {
        given().header("Authorization", TestTokens.expiredBearer("alice")).get("/api/widgets/whoami")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void theCallerIsTheTokensSubjectWithItsGroupsAsRoles() {
        alice().get("/api/widgets/whoami").then().statusCode(200)
                .body("id", equalTo("alice"))
                .body("roles", hasItem("member"));
    }

    @Test
    void aServerErrorNeverShowsAStackTrace() {
        alice().body("{\"name\":\"boom\"}").post("/api/widgets?fail=true")
                .then().statusCode(500).contentType("application/problem+json")
                .body("detail", not(containsString("Exception")))
                .body(not(containsString("at io.scaffold")));
    }
}
