package io.scaffold.notifications.rest;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.scaffold.platform.testing.ApiCalls.as;
import static io.scaffold.platform.testing.ApiCalls.unique;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class PreferencesApiTest {
    private static final String PATH = "/api/notifications/preferences";

    @Test
    void aPersonWhoNeverChoseAnythingHasSensibleDefaults() {
        as(unique("new")).get(PATH).then().statusCode(200).header("ETag", "\"0\"")
                .body("kinds.REQUEST_INVITATION.inApp", equalTo(true))
                .body("kinds.REQUEST_INVITATION.email", equalTo("IMMEDIATE"))
                .body("kinds.RESOURCE_ADDED.email", equalTo("DIGEST"))
                .body("kinds.DESK_ESCALATION.critical", equalTo(true))
                .body("kinds.ROLE_CHANGED.critical", equalTo(false))
                .body("mutedCommunities", empty()).body("newRequestCommunities", empty())
                .body("quietHours", nullValue());
    }

    @Test
    void savedPreferencesReadBackWithANewVersionAndOnlyForTheirOwner() {
        String user = unique("chooser");
        String community = UUID.randomUUID().toString();
        as(user).body("""
                {"kinds":{"ROLE_CHANGED":{"inApp":false,"email":"OFF"},"RESPONSE_POSTED":{"email":"DIGEST"}},
                 "mutedCommunities":["%1$s"],"newRequestCommunities":["%1$s","%1$s"],
                 "quietHours":{"from":"22:30","to":"06:45","timeZone":"America/Sao_Paulo"}}""".formatted(community))
                .put(PATH).then().statusCode(200).header("ETag", "\"1\"")
                .body("kinds.ROLE_CHANGED.inApp", equalTo(false)).body("kinds.ROLE_CHANGED.email", equalTo("OFF"))
                .body("kinds.RESPONSE_POSTED.inApp", equalTo(true))
                .body("kinds.RESPONSE_POSTED.email", equalTo("DIGEST"))
                .body("newRequestCommunities", equalTo(java.util.List.of(community)));
        as(user).get(PATH).then().statusCode(200).header("ETag", "\"1\"")
                .body("mutedCommunities[0]", equalTo(community))
                .body("quietHours.from", equalTo("22:30")).body("quietHours.to", equalTo("06:45"))
                .body("quietHours.timeZone", equalTo("America/Sao_Paulo"));
        // another person sees only their own
        as(unique("other")).get(PATH).then().body("mutedCommunities", empty()).header("ETag", "\"0\"");
        // a PUT replaces everything: what is left out returns to its default
        as(user).body("{}").put(PATH).then().statusCode(200).header("ETag", "\"2\"")
                .body("kinds.ROLE_CHANGED.inApp", equalTo(true)).body("quietHours", nullValue())
                .body("mutedCommunities", empty());
    }

    @Test
    void aStaleIfMatchIsRefusedAndChangesNothing() {
        String user = unique("racer");
        as(user).body("{}").put(PATH).then().statusCode(200);
        as(user).header("If-Match", "\"1\"").body("{\"mutedCommunities\":[\"" + UUID.randomUUID() + "\"]}").put(PATH)
                .then().statusCode(200).header("ETag", "\"2\"");
        as(user).header("If-Match", "\"1\"").body("{}").put(PATH).then().statusCode(412)
                .contentType("application/problem+json");
        as(user).get(PATH).then().body("mutedCommunities.size()", equalTo(1));
    }

    @Test
    void aCriticalKindCannotBeTurnedOffAndTheAnswerSaysWhy() {
        String user = unique("desk");
        as(user).body("{\"kinds\":{\"DESK_ESCALATION\":{\"inApp\":false}}}").put(PATH).then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:scaffold:problem:unprocessable"))
                .body("errors[0].field", equalTo("kinds.DESK_ESCALATION.inApp"))
                .body("errors[0].message", org.hamcrest.Matchers.containsString("critical"));
        // its e-mail delivery is still the person's choice
        as(user).body("{\"kinds\":{\"DESK_ESCALATION\":{\"email\":\"DIGEST\"}}}").put(PATH).then().statusCode(200)
                .body("kinds.DESK_ESCALATION.email", equalTo("DIGEST"));
        as(user).get(PATH).then().body("kinds.DESK_ESCALATION.inApp", equalTo(true));
    }

    @Test
    void badPreferencesAreRefusedFieldByFieldWithoutSavingAnything() {
        String user = unique("typo");
        expectInvalid(user, "{\"kinds\":{\"NOT_A_KIND\":{\"inApp\":false}}}", "kinds.NOT_A_KIND");
        expectInvalid(user, "{\"kinds\":{\"ROLE_CHANGED\":{\"email\":\"SOMETIMES\"}}}", null);
        expectInvalid(user, "{\"kinds\":{\"ROLE_CHANGED\":{\"inApp\":\"maybe\"}}}", null);
        expectInvalid(user, "{\"quietHours\":{\"from\":\"25:00\",\"to\":\"07:00\",\"timeZone\":\"UTC\"}}",
                "quietHours.from");
        expectInvalid(user, "{\"quietHours\":{\"from\":\"22:00\",\"to\":\"07:00\",\"timeZone\":\"Mars/Olympus\"}}",
                "quietHours.timeZone");
        expectInvalid(user, "{\"quietHours\":{\"from\":\"22:00\",\"to\":\"22:00\",\"timeZone\":\"UTC\"}}",
                "quietHours.to");
        expectInvalid(user, "{\"quietHours\":{\"from\":\"22:00\",\"timeZone\":\"UTC\"}}", "quietHours.to");
        expectInvalid(user, "{\"mutedCommunities\":[\"not-a-uuid\"]}", null);
        String many = String.join(",", Collections.nCopies(501, "\"" + UUID.randomUUID() + "\""));
        expectInvalid(user, "{\"newRequestCommunities\":[" + many + "]}", "newRequestCommunities");
        expectInvalid(user, "{\"quietHours\":{\"from\":\"22:00\",\"to\":\"07:00\",\"timeZone\":\""
                + "x".repeat(100) + "\"}}", "quietHours.timeZone");
        expectInvalid(user, "{\"kinds\":", null);
        expectInvalid(user, "[1,2]", null);
        as(user).get(PATH).then().header("ETag", "\"0\"");
    }

    private static void expectInvalid(String user, String body, String field) {
        var answer = as(user).body(body).put(PATH).then().statusCode(400).contentType("application/problem+json");
        if (field != null) {
            answer.body("errors.field", org.hamcrest.Matchers.hasItem(field));
        }
    }

    @Test
    void preferencesNeedASignedInCaller() {
        given().get(PATH).then().statusCode(401).contentType("application/problem+json");
        given().contentType("application/json").body("{}").put(PATH).then().statusCode(401);
    }
}
