package io.scaffold.communities.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.scaffold.communities.event.EventTypes;
import io.scaffold.platform.paging.Cursor;
import io.scaffold.platform.testing.TopicProbe;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.scaffold.communities.Api.TOPIC;
import static io.scaffold.communities.Api.addMember;
import static io.scaffold.communities.Api.as;
import static io.scaffold.communities.Api.assertPublished;
import static io.scaffold.communities.Api.createCommunity;
import static io.scaffold.communities.Api.makeFacilitator;
import static io.scaffold.communities.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class ResourceLibraryTest {

    static String library(String id) {
        return "/api/communities/" + id + "/resources";
    }

    static String add(String id, String user, String json) {
        return as(user).body(json).post(library(id)).then().statusCode(201).extract().path("id");
    }

    @Test
    void membersAddLinksAndContactsAndTheLibraryIsPublished() {
        try (TopicProbe probe = TopicProbe.tail(TOPIC)) {
            String id = createCommunity("olivia", unique("Library"), "PUBLIC");
            addMember(id, "olivia", "mo");
            Response link = as("mo").body("{\"type\":\"LINK\",\"title\":\"Consumer lag runbook\",\"tags\":[\"Kafka\"],"
                    + "\"url\":\"https://wiki.example.com/lag\"}").post(library(id));
            link.then().statusCode(201).header("Location", notNullValue()).header("ETag", equalTo("\"0\""))
                    .body("authorId", equalTo("mo")).body("tags", equalTo(List.of("kafka")));
            ConsumerRecord<String, String> event = assertPublished(probe, EventTypes.RESOURCE_ADDED, id);
            assertThat(event.value()).contains("Consumer lag runbook").contains("\"type\":\"LINK\"");

            as("mo").body("{\"type\":\"CONTACT\",\"title\":\"Ask Olivia about brokers\",\"contactUserId\":\"olivia\"}")
                    .post(library(id)).then().statusCode(201).body("contactUserId", equalTo("olivia"));
            as("stranger").get(library(id) + "/" + link.path("id")).then().statusCode(200)
                    .body("url", equalTo("https://wiki.example.com/lag"));
        }
    }

    @Test
    void aResourceMustPointSomewhereSafe() {
        String id = createCommunity("olivia", unique("Library rules"), "PUBLIC");
        as("olivia").body("{\"type\":\"LINK\",\"title\":\"x\",\"url\":\"javascript:alert(1)\"}").post(library(id))
                .then().statusCode(400).body("errors[0].field", equalTo("url"));
        as("olivia").body("{\"type\":\"LINK\",\"title\":\"x\",\"url\":\"ftp://files.example.com/a\"}").post(library(id))
                .then().statusCode(400).body("errors[0].field", equalTo("url"));
        as("olivia").body("{\"type\":\"COURSE\",\"title\":\"x\"}").post(library(id))
                .then().statusCode(400).body("errors[0].field", equalTo("url"));
        as("olivia").body("{\"type\":\"CONTACT\",\"title\":\"x\"}").post(library(id))
                .then().statusCode(400).body("errors[0].field", equalTo("contactUserId"));
        as("olivia").body("{\"type\":\"CONTACT\",\"title\":\"x\",\"contactUserId\":\"not-a-member\"}").post(library(id))
                .then().statusCode(422).body("errors[0].field", equalTo("contactUserId"));
        as("olivia").body("{\"type\":\"PODCAST\",\"title\":\"x\"}").post(library(id))
                .then().statusCode(400).body("errors[0].field", equalTo("type"));
        as("olivia").body("{\"type\":\"LINK\",\"title\":\"" + "t".repeat(201) + "\",\"url\":\"https://a.example.com\"}")
                .post(library(id)).then().statusCode(400).body("errors[0].field", equalTo("title"));
    }

    @Test
    void onlyMembersAddAndStrangersCannotSeeAPrivateLibrary() {
        String open = createCommunity("olivia", unique("Open library"), "PUBLIC");
        String link = "{\"type\":\"LINK\",\"title\":\"x\",\"url\":\"https://a.example.com\"}";
        as("stranger").body(link).post(library(open)).then().statusCode(403);
        String secret = createCommunity("olivia", unique("Secret library"), "PRIVATE");
        String resource = add(secret, "olivia", link);
        as("stranger").get(library(secret)).then().statusCode(404);
        as("stranger").get(library(secret) + "/" + resource).then().statusCode(404);
        as("stranger").body(link).post(library(secret)).then().statusCode(404);
        given().get(library(open)).then().statusCode(401);
    }

    @Test
    void authorsAndStewardsEditAndRemoveOthersCannot() {
        try (TopicProbe probe = TopicProbe.tail(TOPIC)) {
            String id = createCommunity("olivia", unique("Library edits"), "PUBLIC");
            addMember(id, "olivia", "mo");
            addMember(id, "olivia", "fay");
            makeFacilitator(id, "olivia", "fay");
            addMember(id, "olivia", "other");
            String resource = add(id, "mo", "{\"type\":\"DOCUMENT\",\"title\":\"Design doc\","
                    + "\"url\":\"https://docs.example.com/d\"}");
            String path = library(id) + "/" + resource;

            as("other").body("{\"title\":\"hijacked\"}").patch(path).then().statusCode(403);
            as("mo").header("If-Match", "\"0\"").body("{\"title\":\"Design doc v2\"}").patch(path)
                    .then().statusCode(200).body("title", equalTo("Design doc v2")).header("ETag", equalTo("\"1\""));
            assertPublished(probe, EventTypes.RESOURCE_UPDATED, id);
            as("fay").header("If-Match", "\"0\"").body("{\"title\":\"stale\"}").patch(path).then().statusCode(412);
            as("fay").body("{\"url\":\"mailto:x@example.com\"}").patch(path).then().statusCode(400);
            as("other").delete(path).then().statusCode(403);
            as("fay").delete(path).then().statusCode(204);
            assertPublished(probe, EventTypes.RESOURCE_REMOVED, id);
            as("mo").get(path).then().statusCode(404);
        }
    }

    @Test
    void theLibraryIsSearchedFilteredAndPaged() {
        String id = createCommunity("olivia", unique("Library search"), "PUBLIC");
        String word = "zx" + unique("w").substring(2).replace("-", "");
        String inTitle = add(id, "olivia", "{\"type\":\"GUIDE\",\"title\":\"" + word + " troubleshooting\"}");
        String inText = add(id, "olivia", "{\"type\":\"LINK\",\"title\":\"Misc\",\"description\":\"mentions " + word
                + "\",\"url\":\"https://a.example.com\",\"tags\":[\"ops\"]}");
        for (int i = 0; i < 3; i++) {
            add(id, "olivia", "{\"type\":\"COURSE\",\"title\":\"Course " + i + "\",\"url\":\"https://c.example.com/"
                    + i + "\",\"tags\":[\"ops\"]}");
        }
        as("stranger").queryParam("q", word).get(library(id)).then().statusCode(200)
                .body("items.id", equalTo(List.of(inTitle, inText)));
        as("stranger").get(library(id) + "?type=course").then().body("items.size()", equalTo(3));
        as("stranger").get(library(id) + "?tag=OPS").then().body("items.size()", equalTo(4))
                .body("items.id", hasItem(inText));
        as("stranger").get(library(id) + "?type=VIDEO").then().statusCode(400).body("errors[0].field", equalTo("type"));

        List<String> newestFirst = new ArrayList<>();
        String cursor = "";
        do {
            Response page = as("stranger").queryParam("limit", 2).queryParam("cursor", cursor).get(library(id));
            newestFirst.addAll(page.path("items.id"));
            cursor = page.path("nextCursor");
        } while (cursor != null);
        assertThat(newestFirst).hasSize(5).startsWith(newestFirst.get(0)).endsWith(inTitle);
    }

    @Test
    void aCursorOfTheWrongShapeIsA400OnTheCursorParameterNeverA500() {
        String id = createCommunity("olivia", unique("Library cursors"), "PUBLIC");
        for (int i = 0; i < 3; i++) {
            add(id, "olivia", "{\"type\":\"GUIDE\",\"title\":\"Shaped guide " + i + "\"}");
        }
        String newest = as("stranger").queryParam("limit", 1).get(library(id)).then().statusCode(200)
                .extract().path("nextCursor");
        assertThat(newest).isNotNull();
        // A list's cursor (created at, id) is not a search's (rank, id)
        as("stranger").queryParam("q", "guide").queryParam("cursor", newest).get(library(id)).then()
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("cursor"));
        as("stranger").queryParam("cursor", Cursor.of("0.5", UUID.randomUUID().toString()).encode())
                .get(library(id)).then().statusCode(400).body("errors[0].field", equalTo("cursor"));
        as("stranger").queryParam("cursor", Cursor.of(Instant.now().toString(), "not-a-uuid").encode())
                .get(library(id)).then().statusCode(400).body("errors[0].field", equalTo("cursor"));
        as("stranger").queryParam("q", "guide").queryParam("cursor", Cursor.of("0.5", "not-a-uuid").encode())
                .get(library(id)).then().statusCode(400).body("errors[0].field", equalTo("cursor"));
        as("stranger").queryParam("limit", 1).queryParam("cursor", newest).get(library(id)).then().statusCode(200)
                .body("items.size()", equalTo(1));
    }
}
