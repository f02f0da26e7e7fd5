package io.scaffold.journeys;

import io.restassured.RestAssured;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * E-mail on the full local stack: a helper who only ever called communities-service (joined, declared a skill) is
 * invited to a request asked in requests-service; notifications-service knows her address from the person event
 * communities-service published, and mails her through the stack's SMTP sink, where the mail is read over HTTP. Its
 * one-click unsubscribe link, posted to the gateway without any token, turns those mails off.
 */
class EmailJourneyTest {
    private static JourneyStack stack;

    @BeforeAll
    static void startTheSuite() {
        stack = JourneyStack.shared();
    }

    private static List<Map<String, Object>> mailTo(String address) {
        return RestAssured.get("http://localhost:" + stack.settings.mailHttpPort() + "/messages?to=" + address)
                .then().statusCode(200).extract().jsonPath().getList("$");
    }

    @Test
    void anInvitedHelperIsMailedWithHerAddressFromAnotherServiceAndUnsubscribesInOneClick() {
        String communityId = stack.as("gwen").body("{\"name\":\"Mail " + System.nanoTime() + "\",\"description\":"
                + "\"Deliverability\",\"visibility\":\"PUBLIC\",\"tags\":[\"smtp\"]}").post("/api/communities")
                .then().statusCode(201).extract().path("id");
        stack.as("hugo").post("/api/communities/" + communityId + "/members").then().statusCode(200);
        stack.as("hugo").body("{\"skills\":[{\"skill\":\"smtp\",\"level\":\"EXPERT\"}]}")
                .put("/api/communities/" + communityId + "/members/hugo/skills").then().statusCode(200);
        stack.as("ilse").post("/api/communities/" + communityId + "/members").then().statusCode(200);

        String title = "Bounces from the relay " + System.nanoTime();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            var asked = stack.as("ilse").body("{\"title\":\"" + title + "\",\"body\":\"550 on every send\","
                    + "\"tags\":[\"smtp\"],\"urgency\":\"HIGH\",\"communityId\":\"" + communityId + "\"}")
                    .post("/api/requests");
            return asked.statusCode() == 201 && stack.as("ilse").get("/api/requests/" + asked.path("id")
                    + "/helpers").path("userId").toString().contains("hugo");
        });

        String hugo = "hugo@scaffold.localhost";
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> mailTo(hugo).stream().anyMatch(m -> String.valueOf(m.get("subject")).contains(title)));
        Map<String, Object> mail = mailTo(hugo).stream()
                .filter(m -> String.valueOf(m.get("subject")).contains(title)).findFirst().orElseThrow();
        assertThat(mail.get("subject")).isEqualTo("ilse asked for help: " + title);
        assertThat((String) mail.get("text")).contains(title, stack.gateway + "/api/requests/");
        assertThat((String) mail.get("html")).contains(title);
        @SuppressWarnings("unchecked")
        Map<String, String> headers = (Map<String, String>) mail.get("headers");
        assertThat(headers.get("List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
        String link = headers.get("List-Unsubscribe");
        assertThat(link).startsWith("<" + stack.gateway + "/api/notifications/unsubscribe?token=");

        URI unsubscribe = URI.create(link.substring(1, link.length() - 1));
        given().baseUri(stack.gateway).contentType("application/x-www-form-urlencoded")
                .body("List-Unsubscribe=One-Click")
                .post(unsubscribe.getRawPath() + "?" + unsubscribe.getRawQuery()).then().statusCode(200);
        stack.as("hugo").get("/api/notifications/preferences").then().statusCode(200)
                .body("kinds.REQUEST_INVITATION.email", equalTo("OFF"));
    }
}
